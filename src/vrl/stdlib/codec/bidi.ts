/**
 * The Bidi Rule of RFC 5893 as IDNA (UTS #46, CheckBidi) applies it; `idna` (VRL) enforces it, Node's
 * `domainToASCII` does not. JavaScript regexes have no Bidi_Class property, so classes are approximated from
 * scripts and general categories, which is exact for the characters that occur in domain labels.
 */
type BidiClass = 'L' | 'R' | 'AN' | 'EN' | 'ES' | 'CS' | 'ET' | 'ON' | 'BN' | 'NSM';

const AN =
  /[\u0600-\u0605\u0660-\u0669\u066b\u066c\u06dd\u0890\u0891\u08e2\u{10d30}-\u{10d39}\u{10e60}-\u{10e7e}]/u;
const EN =
  /[0-9\u00b2\u00b3\u00b9\u06f0-\u06f9\u2070\u2074-\u2079\u2080-\u2089\u2488-\u249b\uff10-\uff19\u{1d7ce}-\u{1d7ff}]/u;
const NSM = /[\p{Mn}\p{Me}]/u;
const RTL =
  /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Imperial_Aramaic}\p{Script=Phoenician}\p{Script=Kharoshthi}\p{Script=Old_South_Arabian}\p{Script=Old_North_Arabian}\p{Script=Avestan}\p{Script=Inscriptional_Parthian}\p{Script=Inscriptional_Pahlavi}\p{Script=Psalter_Pahlavi}\p{Script=Manichaean}\p{Script=Nabataean}\p{Script=Palmyrene}\p{Script=Hatran}\p{Script=Lydian}\p{Script=Cypriot}\p{Script=Old_Hungarian}\p{Script=Sogdian}\p{Script=Old_Sogdian}\p{Script=Elymaic}\p{Script=Chorasmian}\p{Script=Yezidi}\p{Script=Meroitic_Cursive}\p{Script=Meroitic_Hieroglyphs}\u200f\ufb1d-\ufdff\ufe70-\ufeff]/u;
const BN = /[\u00ad\u200b-\u200d\u2060-\u2064\ufeff\p{Cc}]/u;
/** Script=Common punctuation used by right-to-left scripts whose Bidi_Class is AL (؛ ؟ ـ). */
const COMMON_AL = /[\u061b\u061f\u0640]/u;

function bidiClass(ch: string): BidiClass {
  if (AN.test(ch)) return 'AN';
  if (EN.test(ch)) return 'EN';
  if (NSM.test(ch)) return 'NSM';
  if (BN.test(ch)) return 'BN';
  if (ch === '+' || ch === '-') return 'ES';
  if (ch === ',' || ch === '.' || ch === '/' || ch === ':' || ch === '\u00a0' || ch === '\u060c') return 'CS';
  if (/[#$%\u00a2-\u00a5\u00b0\u00b1\u066a\u2030-\u2034\u20a0-\u20cf]/u.test(ch)) return 'ET';
  if (RTL.test(ch) || COMMON_AL.test(ch)) return 'R';
  if (/[\p{L}\p{N}\p{Mc}]/u.test(ch)) return 'L';
  return 'ON';
}

function labelOk(classes: BidiClass[]): boolean {
  const first = classes[0];
  if (first === undefined) return true;
  if (first !== 'L' && first !== 'R') return false;
  let end = classes.length - 1;
  while (end > 0 && classes[end] === 'NSM') end--;
  const last = classes[end]!;
  if (first === 'R') {
    if (classes.some((c) => c === 'L')) return false;
    if (last !== 'R' && last !== 'EN' && last !== 'AN') return false;
    return !(classes.includes('EN') && classes.includes('AN'));
  }
  if (classes.some((c) => c === 'R' || c === 'AN')) return false;
  return last === 'L' || last === 'EN';
}

/** True when the (Unicode) domain satisfies the Bidi Rule, or is not a bidi domain at all. */
export function bidiRuleHolds(domain: string): boolean {
  const labels = domain.split('.').map((label) => Array.from(label, bidiClass));
  if (!labels.some((classes) => classes.some((c) => c === 'R' || c === 'AN'))) return true;
  return labels.every(labelOk);
}
