import { chosenLocale, localeOfBrowser, localeOfSettingsLanguage, settingsLanguageOf } from './browser-language';

describe('the first visit\'s language', () => {
  it('follows the browser: Chinese for zh*, else English', () => {
    expect(localeOfBrowser(['zh-CN', 'en'])).toBe('zh');
    expect(localeOfBrowser(['zh-TW'])).toBe('zh');
    expect(localeOfBrowser(['en-US', 'zh-CN'])).toBe('en');
    expect(localeOfBrowser(['de-DE', 'zh'])).toBe('zh');
    expect(localeOfBrowser(['fr'])).toBe('en');
    expect(localeOfBrowser([])).toBe('en');
  });

  it('reads a language picked before, and nothing from an empty or broken store', () => {
    const store = (value: string | null) => ({ getItem: () => value });
    expect(chosenLocale(store('"zh"'))).toBe('zh');
    expect(chosenLocale(store(null))).toBeUndefined();
    expect(chosenLocale(store('{broken'))).toBeUndefined();
    expect(chosenLocale(undefined)).toBeUndefined();
  });

  it('maps the settings\' languages to the app\'s and back', () => {
    expect(localeOfSettingsLanguage('zh-CN')).toBe('zh');
    expect(localeOfSettingsLanguage('en')).toBe('en');
    expect(settingsLanguageOf('zh')).toBe('zh-CN');
    expect(settingsLanguageOf('en')).toBe('en');
  });
});
