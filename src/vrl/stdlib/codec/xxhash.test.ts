import { describe, expect, it } from 'vitest';
import { xxh3_128, xxh3_64 } from './xxh3_impl.js';
import { xxhash } from './xxhash.js';
import { run } from './test-helpers/test_support.js';

// VRL's documented and unit-tested values (the oracle build predates `xxhash`).
describe('xxhash', () => {
  it('XXH32 and XXH64', () => {
    expect(run(xxhash, 'foo')).toBe(3792637401n);
    expect(run(xxhash, 'foo', 'xxh64')).toBe(3728699739546630719n);
    expect(run(xxhash, 'vrl xxhash hash function')).toBe(919261294n);
    expect(run(xxhash, 'vrl xxhash hash function', 'XXH64')).toBe(7826295616420964813n);
  });
  it('XXH3-64 and XXH3-128', () => {
    expect(run(xxhash, 'foo', 'XXH3-64')).toBe(-6093828362558603894n);
    expect(run(xxhash, 'vrl xxhash hash function', 'XXH3-64')).toBe(-7714906473624552998n);
    expect(run(xxhash, 'foo', 'XXH3-128')).toBe('161745101148472925293886522910304009610');
    expect(run(xxhash, 'vrl xxhash hash function', 'XXH3-128')).toBe(
      '89621485359950851650871997518391357172',
    );
  });
});

// Reference values from the xxHash 0.8 command-line tool (`xxhsum -H3` / `-H2`) for bytes (i * 31 + 7) & 255,
// covering every length class of XXH3 (0, 1–3, 4–8, 9–16, 17–128, 129–240, long with partial/whole blocks).
const VECTORS: [number, string, string][] = [
  [0, '2d06800538d394c2', '99aa06d3014798d86001c324468d497f'],
  [1, '4c5cca45d0f4811f', '495b62073ef70ca44c5cca45d0f4811f'],
  [2, 'a7e250c97710ff27', '12b2847aa0de5aaaa7e250c97710ff27'],
  [3, '15f7093b173d005c', '46f66cb93538156515f7093b173d005c'],
  [4, 'dca012f95811b6b9', '7fefeeffb4d0eab3b987ca5d9241572a'],
  [5, 'b290cafc7b254345', '2fbb16712b4bf1d5752a86982353f4f3'],
  [8, 'dec6a9a43575982e', '803c675a846cc6c256bb836ceb6d4baa'],
  [9, 'cbe393399f17ffbd', 'd46556872d230f224376673580310154'],
  [16, '7e484c18d74895d0', '650fe308c566747df853dd94614dfa07'],
  [17, '208bde5ee2bed407', '18217300b5132d5a78c349fe81b2f26c'],
  [33, '199a362122d71f46', '91a4c56ad1b91d883b25275300c8b44e'],
  [65, 'fab36b851b94ce20', '5642c5d38e6e787dd0d1d7884590a330'],
  [100, '8c97158042fbf926', '7f5a1f03462e52b4d61d8dbff22d515f'],
  [128, 'f92b70eaa21a6288', 'b4f87b99d2db8a511e04fad9f0cacb4d'],
  [129, 'f8f76713f2bb60fa', '6881633650cd8924c51bc887976aef63'],
  [200, '12fdb864685f344d', '8d8629a1aef9ef9060ea018811f9a437'],
  [240, 'ccc7375172c41f03', 'de57aab31e77a2ff93e173833f75ab66'],
  [241, '0b3b630948ce4a00', '92b991a7192f3f080b3b630948ce4a00'],
  [1024, '23bc880ebf0d29c6', '4c17271c906df79223bc880ebf0d29c6'],
  [1025, 'c09fdfbc398c7d82', '70a4eb1b9691d77fc09fdfbc398c7d82'],
  [2500, 'e26dbc3bd56092f2', '4afd5019b10650f3e26dbc3bd56092f2'],
];

describe('XXH3 length classes', () => {
  it.each(VECTORS)('%i bytes', (length, h64, h128) => {
    const input = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 255);
    expect(xxh3_64(input).toString(16).padStart(16, '0')).toBe(h64);
    expect(xxh3_128(input).toString(16).padStart(32, '0')).toBe(h128);
  });
});
