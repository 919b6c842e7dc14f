/**
 * `@attune/domain/testing`: test support shared by the specs of libs and of the API, never
 * imported by product code. A real FHIR R4 validator (medplum's, on the base R4 definitions).
 */
export { fhirErrors } from './fhir-validator.js';
