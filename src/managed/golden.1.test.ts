import { goldenSuite } from './golden.suite.js';

// shard 1 of 3 of the managed sources' golden tests (see golden.suite.ts)
goldenSuite(0, 3);
