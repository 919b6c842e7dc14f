import { Alert, Box, Button, Checkbox, Chip, CircularProgress, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, InputLabel, MenuItem, Select, Stack, TextField, Typography } from '@mui/material';
import { scopesForRole, type ApiTokenDto, type CreatedApiTokenDto, type Role } from '@attune/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { AccountSection } from '../account/account-section';
import { apiFieldErrors, generalErrorMessage } from '../account/account-errors';
import { apiTokensApi } from './api-tokens-api';
import { API_TOKEN_LIVES, apiTokenState } from './api-token-state';
import { useFormatDate } from '../shared/use-format';

const QUERY_KEY = ['account', 'api-tokens'] as const;

/** The resources a role may put on a token, each with the accesses (read, write) it may give. */
function scopeChoices(role: Role): Array<{ resource: string; accesses: Array<'read' | 'write'> }> {
  const byResource = new Map<string, Array<'read' | 'write'>>();
  for (const scope of scopesForRole(role)) {
    const [resource, access] = scope.split(':') as [string, 'read' | 'write'];
    byResource.set(resource, [...(byResource.get(resource) ?? []), access]);
  }
  return [...byResource].map(([resource, accesses]) => ({ resource, accesses }));
}

/**
 * "API tokens" on the account page: create a token (name, what it may do, how long), see it once,
 * list one's tokens with their last use, revoke one.
 */
export const ApiTokensSection = ({ role }: { role: Role }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const formatDate = useFormatDate();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: QUERY_KEY, queryFn: apiTokensApi.list });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState<number>(30);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiTokenDto | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const choices = scopeChoices(role);
  const date = (iso: string) => formatDate(iso);
  const resourceName = (resource: string) => translate(`api_tokens.resources.${resource}`, { _: resource });
  const scopeName = (scope: string) => {
    const [resource, access] = scope.split(':');
    return `${resourceName(resource ?? '')} (${translate(`api_tokens.${access === 'write' ? 'write' : 'read'}`)})`;
  };

  const toggle = (scope: string) => setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const problems: Record<string, string> = {};
    if (name.trim() === '') problems['name'] = translate('api_tokens.name_required');
    if (scopes.length === 0) problems['scopes'] = translate('api_tokens.scopes_required');
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      document.getElementById(problems['name'] ? 'api-token-name' : 'api-token-scopes')?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const token = await apiTokensApi.create({ name: name.trim(), scopes, expiresAt: new Date(Date.now() + days * 86_400_000).toISOString() });
      setCreated(token);
      setName('');
      setScopes([]);
      await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    } catch (error) {
      const fields = apiFieldErrors(error);
      setErrors(fields);
      if (Object.keys(fields).length === 0) {
        const message = generalErrorMessage(error);
        setGeneral(translate(message.key, { _: message.key, ...message.args }));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const revoke = async (token: ApiTokenDto) => {
    try {
      await apiTokensApi.revoke(token.id);
      notify('api_tokens.revoked', { type: 'info', messageArgs: { name: token.name } });
      await queryClient.invalidateQueries({ queryKey: QUERY_KEY });
    } catch (error) {
      const message = generalErrorMessage(error);
      notify(message.key, { type: 'error', messageArgs: message.args });
    }
  };

  const copy = async () => {
    if (!created) return;
    await navigator.clipboard?.writeText(created.token).catch(() => undefined);
    notify('api_tokens.copied', { type: 'info' });
  };

  return (
    <AccountSection id="api-tokens" heading={translate('api_tokens.heading')}>
      <Typography color="text.secondary" sx={{ mb: 1 }}>{translate('api_tokens.intro')}</Typography>
      <Typography component="p" sx={{ mb: 2 }}><code>Authorization: Bearer &lt;token&gt;</code></Typography>
      {created ? (
        <Alert severity="success" sx={{ mb: 2 }} role="status">
          <Box sx={{ mb: 1 }}>{translate('api_tokens.created', { name: created.name })}</Box>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
            <TextField
              id="api-token-secret"
              label={translate('api_tokens.token_label')}
              value={created.token}
              size="small"
              fullWidth
              slotProps={{ htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } } }}
              onFocus={(event) => event.target.select()}
            />
            <Button variant="outlined" onClick={() => void copy()} sx={{ flexShrink: 0 }}>{translate('api_tokens.copy')}</Button>
          </Stack>
        </Alert>
      ) : null}

      <Box component="form" noValidate onSubmit={submit} aria-labelledby="api-tokens-heading" sx={{ mb: 3 }}>
        <Stack spacing={2}>
          <TextField
            id="api-token-name"
            label={translate('api_tokens.name')}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={Boolean(errors['name'])}
            helperText={errors['name'] ?? translate('api_tokens.name_help')}
            slotProps={{ htmlInput: { maxLength: 100, 'aria-invalid': Boolean(errors['name']) } }}
            required
            fullWidth
          />
          <FormControl component="fieldset" error={Boolean(errors['scopes'])}>
            <FormLabel component="legend" id="api-token-scopes-label">{translate('api_tokens.scopes')}</FormLabel>
            <Box id="api-token-scopes" tabIndex={-1} sx={{ outline: 'none' }}>
              {choices.map(({ resource, accesses }) => (
                <FormGroup key={resource} row role="group" aria-label={resourceName(resource)} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography component="span" sx={{ width: { xs: '100%', sm: 200 }, mr: 1 }}>{resourceName(resource)}</Typography>
                  {accesses.map((access) => {
                    const scope = `${resource}:${access}`;
                    return (
                      <FormControlLabel
                        key={scope}
                        control={<Checkbox checked={scopes.includes(scope)} onChange={() => toggle(scope)} slotProps={{ input: { 'aria-label': `${resourceName(resource)}: ${translate(`api_tokens.${access}`)}` } }} />}
                        label={translate(`api_tokens.${access}`)}
                      />
                    );
                  })}
                </FormGroup>
              ))}
            </Box>
            {errors['scopes'] ? <FormHelperText>{errors['scopes']}</FormHelperText> : null}
          </FormControl>
          <FormControl sx={{ maxWidth: 240 }}>
            <InputLabel id="api-token-life-label">{translate('api_tokens.life')}</InputLabel>
            <Select labelId="api-token-life-label" id="api-token-life" label={translate('api_tokens.life')} value={days} onChange={(event) => setDays(Number(event.target.value))}>
              {API_TOKEN_LIVES.map((n) => <MenuItem key={n} value={n}>{translate('api_tokens.days', { smart_count: n })}</MenuItem>)}
            </Select>
            {errors['expiresAt'] ? <FormHelperText error>{errors['expiresAt']}</FormHelperText> : null}
          </FormControl>
          {general ? <Alert severity="error" role="alert">{general}</Alert> : null}
          <Box>
            <Button type="submit" variant="contained" disabled={submitting}>
              {submitting ? <CircularProgress size={16} sx={{ mr: 1 }} aria-hidden /> : null}
              {translate('api_tokens.create')}
            </Button>
          </Box>
        </Stack>
      </Box>

      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{translate('api_tokens.list_heading')}</Typography>
      {tokens.isPending ? <CircularProgress aria-label={translate('ra.page.loading')} /> : null}
      {tokens.isError ? <Alert severity="error">{translate('api_tokens.load_error')}</Alert> : null}
      {tokens.data && tokens.data.length === 0 ? <Typography color="text.secondary">{translate('api_tokens.none')}</Typography> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <Box component="ul" aria-label={translate('api_tokens.list_heading')} sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {tokens.data.map((token) => {
            const state = apiTokenState(token);
            return (
              <Box component="li" key={token.id} sx={{ borderTop: 1, borderColor: 'divider', py: 1.5 }}>
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ justifyContent: 'space-between', alignItems: { sm: 'flex-start' } }}>
                  <Box sx={{ minWidth: 0 }}>
                    <Typography sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
                      {token.name} <Chip size="small" label={translate(`api_tokens.state.${state}`)} color={state === 'active' ? 'success' : 'default'} sx={{ ml: 1 }} />
                    </Typography>
                    <Typography variant="body2" sx={{ fontFamily: 'monospace' }}>{token.prefix}…</Typography>
                    <Typography variant="body2" color="text.secondary">{translate('api_tokens.scopes_of', { scopes: token.scopes.map(scopeName).join(', ') })}</Typography>
                    <Typography variant="body2" color="text.secondary">
                      {translate('api_tokens.created_on', { date: date(token.createdAt) })} · {translate('api_tokens.expires_on', { date: date(token.expiresAt) })} ·{' '}
                      {token.lastUsedAt ? translate('api_tokens.last_used', { date: date(token.lastUsedAt) }) : translate('api_tokens.never_used')}
                    </Typography>
                  </Box>
                  {state === 'active' ? (
                    <Button color="error" variant="outlined" onClick={() => void revoke(token)} aria-label={translate('api_tokens.revoke_label', { name: token.name })} sx={{ flexShrink: 0, alignSelf: 'flex-start' }}>
                      {translate('api_tokens.revoke')}
                    </Button>
                  ) : null}
                </Stack>
              </Box>
            );
          })}
        </Box>
      ) : null}
    </AccountSection>
  );
};
