"use client";

import { secondaryButton } from "../../admin/_components/button-styles";

/** The browser's print dialog; the page's print styles leave only the invoice. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={secondaryButton}>
      Print or save as PDF
    </button>
  );
}
