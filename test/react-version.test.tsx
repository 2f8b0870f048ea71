import { render, screen } from '@testing-library/react';
import { version } from 'react';
import { describe, expect, it } from 'vitest';

// Proves which React each unit project runs: `unit` runs React 19, `unit-react18` React 18 (see vitest.config.ts).
describe('the React under test', () => {
  it('matches the project', () => {
    const expected = `${process.env.RCW_EXPECTED_REACT}.`;
    expect(version.startsWith(expected)).toBe(true);
  });

  it('renders through react-dom of the same major (one React, not two)', () => {
    render(<p>React {version}</p>);
    expect(screen.getByText(`React ${version}`)).toBeInTheDocument();
  });
});
