import { ALERT_KINDS, type AlertKind } from '@attune/domain';
import { useTranslate } from 'react-admin';
import { stageTitleKey } from './choices';

/** What an alert needs to be worded: its kind, its figures and its English message. */
export interface AlertWords {
  kind: string;
  message?: string | undefined;
  params?: Record<string, string | number> | undefined;
}

/** An alert worded for the screen; `lang` is 'en' when only the English message could be shown. */
export interface AlertText {
  text: string;
  lang?: 'en';
}

function isAlertKind(kind: string): kind is AlertKind {
  return (ALERT_KINDS as readonly string[]).includes(kind);
}

/**
 * Words an alert in the user's language from `attune.alerts.<kind>` and the alert's figures;
 * falls back to the API's English message when the figures are missing.
 */
export function useAlertText(): (alert: AlertWords) => AlertText {
  const translate = useTranslate();
  return (alert) => {
    const message = alert.message ?? '';
    if (!alert.params || !isAlertKind(alert.kind)) return { text: message, lang: 'en' };
    const params: Record<string, string | number> = { ...alert.params };
    if (alert.kind === 'stage_overrun' && params['stage'] !== undefined) {
      params['stageTitle'] = translate(stageTitleKey(Number(params['stage'])), { _: String(params['stageTitle'] ?? '') });
    }
    const key = `attune.alerts.${alert.kind}`;
    const text = translate(key, { ...params, _: '' });
    return text && text !== key ? { text } : { text: message, lang: 'en' };
  };
}
