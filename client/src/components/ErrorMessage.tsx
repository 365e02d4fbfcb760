import { useTranslation } from 'react-i18next';
import { ApiRequestError, type ClientErrorCode } from '../api/http';

export function errorCodeOf(error: unknown): ClientErrorCode {
  return error instanceof ApiRequestError ? error.code : 'internal';
}

/** A translated error, announced right away (role="alert"). */
export function ErrorMessage({ code, id }: { code: ClientErrorCode | null; id?: string }) {
  const { t } = useTranslation();
  return (
    <p className="form-error" role="alert" id={id} hidden={code === null}>
      {code !== null && t(`errors.${code}`)}
    </p>
  );
}

/** A form's own check (`problem`, already translated), then the server's refusal (`code`). */
export function FormErrors({ problem, code }: { problem: string | null; code: ClientErrorCode | null }) {
  return (
    <>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <ErrorMessage code={code} />
    </>
  );
}
