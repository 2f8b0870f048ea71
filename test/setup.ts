import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Without `globals: true` Testing Library does not clean up by itself (TOOLCHAIN gotcha 7).
afterEach(cleanup);
