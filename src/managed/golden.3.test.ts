import { goldenSuite } from './golden.suite.js';

// shard 3 of 3 of the managed sources' golden tests (see golden.suite.ts)
goldenSuite(2, 3);
