import { goldenSuite } from './golden.suite.js';

// shard 2 of 3 of the managed sources' golden tests (see golden.suite.ts)
goldenSuite(1, 3);
