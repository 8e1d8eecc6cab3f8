package com.mpac.mia;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Pos;
import com.mpac.mia.MiaApi.Session;

import tools.jackson.databind.JsonNode;

/**
 * The "done when", as a new user following the README would do it: activate with the OTP from the
 * sandbox SMS outbox, log in, open a shift, a dynamic QR and a hybrid QR with two extensions paid by the sandbox
 * payer, one partial refund, close the shift, and a Z-report PDF whose totals are right.
 */
class WalkthroughIntegrationTests extends MiaIntegrationTest {

    @Test
    void shouldRunAShiftFromActivationToZReport() throws Exception {
        Pos pos = api().onboard();
        String activationId = api().activate(pos);
        JsonNode tokens = api().ok(api().login(activationId, pos.email(), PortalStub.PASSWORD)).get("authTokens");
        Session session = new Session(pos, activationId, tokens.get("accessToken").asString(),
                tokens.get("refreshToken").asString());
        String shiftId = api().ok(api().post(session, "/pos/api/v1/shift/open", null)).get("shiftId").asString();

        JsonNode dynamic = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":150}}");
        long dynamicTx = api().pay(dynamic.get("qrText").asString(), null).get("txId").asLong();
        JsonNode hybrid = api().createQr(session, "{\"qrType\":\"hybrid\",\"amountType\":\"fixed\"}");
        String extensionPath = "/pos/api/v2/qr/" + hybrid.get("qrId").asString() + "/extension";
        api().ok(api().post(session, extensionPath, "{\"amount\":40}"));
        api().pay(hybrid.get("qrText").asString(), null);
        api().ok(api().post(session, extensionPath, "{\"amount\":60.25}"));
        api().pay(hybrid.get("qrText").asString(), "60.25");
        api().ok(api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + dynamicTx + ",\"amount\":50,\"fullRefund\":false,\"reasonCode\":\"CUSTOMER\"}"));
        api().ok(api().post(session, "/pos/api/v1/shift/close", null));
        JsonNode z = api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/z-report?format=pdf"));

        String text;
        try (PDDocument pdf = Loader.loadPDF(Base64.getDecoder().decode(z.get("reportBinary").asString()))) {
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(text).contains("Payments: 3  Sum: 250.25 MDL").contains("Cancellations: 1  Sum: 50.00 MDL")
                .contains("Total: 200.25 MDL").contains(pos.miaTerminalId());
    }
}
