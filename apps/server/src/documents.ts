// The document renderers, loaded on the first document drawn rather than at start-up: pdfkit,
// fontkit, bwip-js, qrcode and the label/CN23/withdrawal code weigh ~40 MB of heap that a server
// which never draws a document (API-only, carrier-account labels) should not pay for. The fonts
// themselves are parsed on first use (packages/documents/src/fonts.ts).
import type * as Cn23 from '@retour/documents/cn23';
import type * as LabelPdf from '@retour/documents/label-pdf';
import type * as LabelZpl from '@retour/documents/label-zpl';
import type * as Qr from '@retour/documents/qr';
import type * as WithdrawalAck from '@retour/documents/withdrawal-ack';
import type * as WithdrawalForm from '@retour/documents/withdrawal-form';

export async function renderLabelPdf(...args: Parameters<typeof LabelPdf.renderLabelPdf>): ReturnType<typeof LabelPdf.renderLabelPdf> {
  return (await import('@retour/documents/label-pdf')).renderLabelPdf(...args);
}

export async function renderLabelZpl(
  ...args: Parameters<typeof LabelZpl.renderLabelZpl>
): Promise<ReturnType<typeof LabelZpl.renderLabelZpl>> {
  return (await import('@retour/documents/label-zpl')).renderLabelZpl(...args);
}

export async function renderQrPng(...args: Parameters<typeof Qr.renderQrPng>): ReturnType<typeof Qr.renderQrPng> {
  return (await import('@retour/documents/qr')).renderQrPng(...args);
}

export async function renderCn23Pdf(...args: Parameters<typeof Cn23.renderCn23Pdf>): ReturnType<typeof Cn23.renderCn23Pdf> {
  return (await import('@retour/documents/cn23')).renderCn23Pdf(...args);
}

export async function renderWithdrawalFormPdf(
  ...args: Parameters<typeof WithdrawalForm.renderWithdrawalFormPdf>
): ReturnType<typeof WithdrawalForm.renderWithdrawalFormPdf> {
  return (await import('@retour/documents/withdrawal-form')).renderWithdrawalFormPdf(...args);
}

export async function renderWithdrawalAcknowledgementPdf(
  ...args: Parameters<typeof WithdrawalAck.renderWithdrawalAcknowledgementPdf>
): ReturnType<typeof WithdrawalAck.renderWithdrawalAcknowledgementPdf> {
  return (await import('@retour/documents/withdrawal-ack')).renderWithdrawalAcknowledgementPdf(...args);
}
