// Reads a JSON array of cases on stdin and prints a JSON array with, per case, the Authorization
// header the official Huawei Cloud Node signer computes (or an "error: ..." string).
// Each case: { ak, sk, method, endpoint, headers, queryParams, dataJson }.
// dataJson is the exact body text; it is parsed because AKSKSigner hashes JSON.stringify(request.data),
// and the case fails when that would not reproduce the same bytes.
'use strict';
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');

function credential(ak, sk) {
  return { getAk: () => ak, getSk: () => sk };
}

function signOne(c) {
  const request = {
    endpoint: c.endpoint,
    method: c.method,
    headers: Object.assign({}, c.headers),
    queryParams: c.queryParams || {},
  };
  if (c.dataJson !== undefined && c.dataJson !== null && c.dataJson !== '') {
    request.data = JSON.parse(c.dataJson);
    if (JSON.stringify(request.data) !== c.dataJson) {
      return 'error: JSON.stringify does not reproduce the body: ' + JSON.stringify(request.data);
    }
  }
  const headers = AKSKSigner.sign(request, credential(c.ak, c.sk));
  return headers.Authorization;
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const cases = JSON.parse(input);
  const out = cases.map(c => {
    try { return signOne(c); } catch (e) { return 'error: ' + e.message; }
  });
  process.stdout.write(JSON.stringify(out));
});
