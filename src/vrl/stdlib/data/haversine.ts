import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { staticEnum } from './args.js';

const EARTH_RADIUS_IN_KILOMETERS = 6_371_008.8 / 1000.0;
const EARTH_RADIUS_IN_MILES = EARTH_RADIUS_IN_KILOMETERS * 0.621_371_2;

/** Rust's `f64::round` (half away from zero). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function roundTo(x: number, digits: number): number {
  const m = 10 ** digits;
  const r = roundHalfAway(x * m) / m;
  return Number.isNaN(r) ? 0 : r;
}

const toRadians = (deg: number): number => deg * (Math.PI / 180);

export const haversine: FunctionDef = {
  name: 'haversine',
  parameters: [
    required('latitude1', K.FLOAT),
    required('longitude1', K.FLOAT),
    required('latitude2', K.FLOAT),
    required('longitude2', K.FLOAT),
    optional('measurement_unit', K.BYTES),
  ],
  compile(args) {
    const unit = staticEnum(args, 4, 'measurement_unit', ['kilometers', 'miles'] as const, 'kilometers');
    const radius = unit === 'miles' ? EARTH_RADIUS_IN_MILES : EARTH_RADIUS_IN_KILOMETERS;
    return {
      kind: Kind.object({ distance: Kind.float(), bearing: Kind.float() }),
      fallible: false,
      pure: true,
      call(lat1v, lon1v, lat2v, lon2v) {
        const lat1 = toRadians(lat1v as number);
        const lon1 = toRadians(lon1v as number);
        const lat2 = toRadians(lat2v as number);
        const lon2 = toRadians(lon2v as number);
        const dlon = lon2 - lon1;
        const dlat = lat2 - lat1;
        const a = Math.sin(dlat / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dlon / 2) ** 2;
        const distance = 2 * Math.asin(Math.sqrt(a));
        const y = Math.sin(dlon) * Math.cos(lat2);
        const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dlon);
        const bearing = (Math.atan2(y, x) * (180 / Math.PI) + 360) % 360;
        return { distance: roundTo(distance * radius, 7), bearing: roundTo(bearing, 3) };
      },
    };
  },
  examples: [
    {
      title: 'Haversine in kilometers',
      source: 'haversine(0.0, 0.0, 10.0, 10.0)',
      result: '{ "distance": 1568.5227233, "bearing": 44.561 }',
    },
    {
      title: 'Haversine in miles',
      source: 'haversine(0.0, 0.0, 10.0, 10.0, measurement_unit: "miles")',
      result: '{ "distance": 974.6348468, "bearing": 44.561 }',
    },
  ],
};
