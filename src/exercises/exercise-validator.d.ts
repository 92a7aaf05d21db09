// Types of the generated exercise-validator.js (ajv standalone code).
export interface ExerciseSchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
export interface ExerciseValidate {
  (data: unknown): boolean;
  errors?: ExerciseSchemaError[] | null;
}
declare const validate: ExerciseValidate;
export default validate;
