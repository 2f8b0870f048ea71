// Builds dist/styles.css from src/styles/index.css by inlining its local @imports (one file, no CSS tooling).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function inline(file, seen = new Set()) {
  if (seen.has(file)) return '';
  seen.add(file);
  return readFileSync(file, 'utf8').replace(/^@import\s+["'](\.[^"']+)["'];\s*$/gm, (_, relative) =>
    inline(path.resolve(path.dirname(file), relative), seen),
  );
}

const css = inline(path.resolve('src/styles/index.css'));
mkdirSync('dist', { recursive: true });
writeFileSync('dist/styles.css', css);
console.log(`dist/styles.css ${Buffer.byteLength(css)} bytes`);
