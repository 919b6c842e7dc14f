import { withModuleMessages } from '../i18n/module-messages';
import { apiTokensEnMessages } from './api-tokens.messages';

/** Adds the API tokens section's words (the `api_tokens` key): English with the app, Chinese with the app's Chinese. */
export const withApiTokenMessages = withModuleMessages(apiTokensEnMessages, () => import('./api-tokens.zh.messages').then((m) => m.apiTokensZhMessages));
