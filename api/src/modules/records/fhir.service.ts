import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { caseRecordResources, caseScopeParams, caseScopeSql, everythingBundle, toOrganization, toPatient, type CaseRecord } from '@attune/domain';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/api-errors.js';
import type { Actor } from '../../common/request-context.js';
import { CaseAccessService } from '../cases/case-access.service.js';
import { loadCaseRecord } from './case-record.loader.js';
import { RecordExports } from './record-exports.js';

/**
 * FHIR R4 `$everything` of a client or of a case, as a searchset Bundle. Only what the actor may
 * see: a practitioner gets the cases of their own caseload, an admin the practice's; a client or
 * case out of reach is a 404. Each call is one export: rate-limited, and audited per case with the
 * number of resources that left.
 */
@Injectable()
export class FhirService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CaseAccessService,
    private readonly exports: RecordExports,
  ) {}

  async patientEverything(actor: Actor, clientId: string, baseUrl: string): Promise<Bundle> {
    this.exports.admit(actor);
    const asOf = new Date();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const caseIds = await this.visibleCasesOfClient(manager, actor, clientId);
      const records = await Promise.all(caseIds.map((id) => loadCaseRecord(manager, actor.practiceId, id)));
      const resources: Resource[] = records.flatMap((r) => caseRecordResources(r, { asOf, baseUrl }, [clientId]));
      if (records.length === 0) resources.push(...(await this.patientAlone(manager, actor, clientId)));
      const bundle = everythingBundle(resources, { asOf, baseUrl });
      await this.exports.record(manager, { kind: 'fhir-patient', entityId: clientId, caseIds, rowCount: bundle.entry?.length ?? 0 });
      return bundle;
    });
  }

  async episodeEverything(actor: Actor, caseId: string, baseUrl: string): Promise<Bundle> {
    this.exports.admit(actor);
    const asOf = new Date();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.access.visibleCaseRow(manager, actor, caseId);
      const record: CaseRecord = await loadCaseRecord(manager, actor.practiceId, caseId);
      const bundle = everythingBundle(caseRecordResources(record, { asOf, baseUrl }), { asOf, baseUrl });
      await this.exports.record(manager, { kind: 'fhir-episode', entityId: caseId, caseIds: [caseId], rowCount: bundle.entry?.length ?? 0 });
      return bundle;
    });
  }

  /**
   * The cases of the client the actor may see (the one case rule: same practice, and for a
   * practitioner their own caseload), oldest first. None, and the client is not theirs either: 404.
   */
  private async visibleCasesOfClient(manager: EntityManager, actor: Actor, clientId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT k.id FROM case_clients cc JOIN cases k ON k.id = cc.case_id
        WHERE cc.client_id = $1 AND ${caseScopeSql({ practice: 'k.practice_id', practitioner: 'k.practitioner_id' }, ['$2', '$3'])}
        ORDER BY k.opened_at, k.id`,
      [clientId, ...caseScopeParams(actor)],
    );
    return rows.map((r) => r.id);
  }

  /**
   * A client of the actor's with no case in reach: their Patient alone, or 404. The client's record
   * is seen as a case is, with its holder (`clients.practitioner_id`) as the practitioner.
   */
  private async patientAlone(manager: EntityManager, actor: Actor, clientId: string): Promise<Resource[]> {
    const [row] = await manager.query(
      `SELECT c.id, c.display_name, c.pronouns, c.email, c.phone, c.status, p.id AS practice_id, p.name AS practice_name
         FROM clients c JOIN practices p ON p.id = c.practice_id
        WHERE c.id = $1 AND ${caseScopeSql({ practice: 'c.practice_id', practitioner: 'c.practitioner_id' }, ['$2', '$3'])}`,
      [clientId, ...caseScopeParams(actor)],
    );
    if (!row) throw notFound('Client');
    const practice = { id: row.practice_id as string, name: row.practice_name as string };
    return [
      toPatient(practice, { id: row.id, displayName: row.display_name, pronouns: row.pronouns, email: row.email, phone: row.phone, status: row.status }),
      toOrganization(practice),
    ];
  }
}
