// @vitest-environment node
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module of the bench, without types
import { withoutText } from '../bench/lib/bundle-report.mjs';

describe('bench: withoutText (the whole library with no words, for the size report)', () => {
  it('empties string and template literals and keeps the code around them', () => {
    expect(withoutText('const a="x",b=\'y\';f(a,b,`t`)')).toBe('const a="",b=\'\';f(a,b,``)');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the input is the source text of nested templates
    expect(withoutText('s=`p${1+`q${2}r`}s${x}t`')).toBe('s=`${1+`${2}`}${x}`');
  });

  it('leaves regular expressions, escaped quotes and numbers alone', () => {
    expect(withoutText('r=/"[a-z]"/g;q="a\\"b";n=1e3')).toBe('r=/"[a-z]"/g;q="";n=1e3');
  });

  it('empties object keys and JSX-runtime props written as strings', () => {
    expect(withoutText('j("div",{"data-slot":"wizard",id:"x"})')).toBe('j("",{"":"",id:""})');
  });
});
