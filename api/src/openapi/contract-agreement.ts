/**
 * Compile-time proof that what the services of the merged modules return is what the contract
 * says: each type the services are written with must be assignable to the type inferred from its
 * zod schema in libs/src/api-contract.ts (the schema the OpenAPI document shows). A field added to
 * a service's type and not to the schema (or the other way round, when required) fails `tsc`.
 */
import type {
  CaseMeasuresDto, CaseStatusChangeDto, ErasureRequestDto, IntakeRequestDto, MeasureDefinitionDto, MeasureResponseDto, MeasureScheduleDto,
  MyMeasureDto, MyRecordExport, MySessionDto, PracticeSettingsDto, PublicTestDto, PublicTestResultDto, SchedulingPolicy,
  caseMeasuresDtoSchema, caseStatusChangeDtoSchema, erasureRequestDtoSchema, intakeRequestDtoSchema,
  measureDefinitionDtoSchema, measureResponseDtoSchema, measureScheduleDtoSchema, myMeasureDtoSchema, myRecordExportSchema, mySessionDtoSchema,
  practiceSettingsDtoSchema, publicTestDtoSchema, publicTestResultDtoSchema, schedulingPolicyDtoSchema,
  RecordCorrectionDto, recordCorrectionDtoSchema,
} from '@attune/domain';
import type { z } from 'zod';

/** `true` when every value of the service's type is a value of the schema's type. */
type Conforms<Service, Schema extends z.ZodType> = [Service] extends [z.output<Schema>] ? true : false;

export const CONTRACT_AGREEMENT: true[] = [
  true as Conforms<CaseStatusChangeDto, typeof caseStatusChangeDtoSchema>,
  true as Conforms<SchedulingPolicy, typeof schedulingPolicyDtoSchema>,
  true as Conforms<MySessionDto, typeof mySessionDtoSchema>,
  true as Conforms<ErasureRequestDto, typeof erasureRequestDtoSchema>,
  true as Conforms<PracticeSettingsDto, typeof practiceSettingsDtoSchema>,
  true as Conforms<MeasureScheduleDto, typeof measureScheduleDtoSchema>,
  true as Conforms<MeasureDefinitionDto, typeof measureDefinitionDtoSchema>,
  true as Conforms<MeasureResponseDto, typeof measureResponseDtoSchema>,
  true as Conforms<CaseMeasuresDto, typeof caseMeasuresDtoSchema>,
  true as Conforms<MyMeasureDto, typeof myMeasureDtoSchema>,
  true as Conforms<PublicTestDto, typeof publicTestDtoSchema>,
  true as Conforms<PublicTestResultDto, typeof publicTestResultDtoSchema>,
  true as Conforms<IntakeRequestDto, typeof intakeRequestDtoSchema>,
  true as Conforms<MyRecordExport, typeof myRecordExportSchema>,
];

/** Typed rather than asserted: `true` does not compile where the service's type is not the schema's. */
export const RECORD_CORRECTION_AGREES: Conforms<RecordCorrectionDto, typeof recordCorrectionDtoSchema> = true;
