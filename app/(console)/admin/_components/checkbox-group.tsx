import { useId } from "react";

interface CheckboxGroupProps {
  legend: string;
  name: string;
  options: { value: string; label: React.ReactNode; description?: string }[];
  checked: (value: string) => boolean;
  hint?: string;
  error?: string;
}

/** Several checkboxes sharing a name, with a legend, an optional line of explanation each, and one error. */
export function CheckboxGroup({ legend, name, options, checked, hint, error }: CheckboxGroupProps) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-500">
          {hint}
        </p>
      )}
      <div className="mt-2 space-y-2">
        {options.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm">
            <input type="checkbox" name={name} value={option.value} defaultChecked={checked(option.value)} className="mt-0.5 size-4 rounded border-gray-300 dark:border-gray-700" />
            <span>
              <span className={option.description ? "font-medium" : undefined}>{option.label}</span>
              {option.description && <span className="block text-gray-500 dark:text-gray-400">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
