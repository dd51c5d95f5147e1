// Pays a Tollway model request with the official x402 client: @x402/fetch wraps fetch, @x402/evm signs the EIP-3009
// authorization with a local viem account, and spend controls allow exactly the offered test token up to a cap.
// Run by the .NET interop test from the directory scripts/x402-client.sh installed the packages into.
//
// Usage: node pay.mjs <url> <private key> <network> <asset> <max units> <json body>
// Prints one JSON line: {"status", "requestId", "body", "payment"} (payment: the decoded PAYMENT-RESPONSE, or null).
import { wrapFetchWithPayment, x402Client, decodePaymentResponseHeader } from "@x402/fetch";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { privateKeyToAccount } from "viem/accounts";

const [url, privateKey, network, asset, maxUnits, body] = process.argv.slice(2);
const client = new x402Client();
registerExactEvmScheme(client, { signer: privateKeyToAccount(privateKey) });
client.setSpendControls({ allowedAssets: [{ network, asset, maxAmountPerPayment: maxUnits }] });

const pay = wrapFetchWithPayment(fetch, client);
const response = await pay(url, { method: "POST", headers: { "content-type": "application/json" }, body });
const header = response.headers.get("PAYMENT-RESPONSE");
console.log(JSON.stringify({
    status: response.status,
    requestId: response.headers.get("X-Request-Id"),
    body: await response.text(),
    payment: header ? decodePaymentResponseHeader(header) : null,
}));
