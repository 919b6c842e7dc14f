import { ClientsModule } from './modules/clients/clients.module.js';

/** The domain modules, one folder each under modules/. */
export const DOMAIN_MODULES = [ClientsModule];
