export type PublicTestLang = 'en' | 'zh';

/** `#/test/<slug>` (optionally `?lang=zh` or `?lang=en`): the public page's practice and language. */
export function parsePublicTestHash(hash: string, browserLanguage = typeof navigator === 'undefined' ? 'en' : navigator.language): { slug: string; lang: PublicTestLang } | null {
  const m = /^#\/test\/([a-z0-9-]{3,40})(?:\?(.*))?$/.exec(hash);
  if (!m) return null;
  const lang = new URLSearchParams(m[2] ?? '').get('lang');
  return { slug: m[1]!, lang: lang === 'zh' || (lang === null && browserLanguage.toLowerCase().startsWith('zh')) ? 'zh' : 'en' };
}
