declare module 'pdfmake/src/qrEnc.js' {
  const qrEnc: { measure(node: { qr: string; eccLevel?: 'L' | 'M' | 'Q' | 'H'; fit?: number }): unknown };
  export default qrEnc;
}
