package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.mpac.contracts.qr.EmvQr;
import com.mpac.contracts.sync.MerchantConfiguration;
import com.mpac.mia.MiaApi;
import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class QrIntegrationTests extends MiaIntegrationTest {

    static final String DYNAMIC_FIXED = "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":125.5}}";

    @Test
    void shouldCreateADynamicQrWhosePngDecodesToItsEmvcoPayload() throws Exception {
        Session session = api().shiftOpen();

        JsonNode qr = api().createQr(session, DYNAMIC_FIXED);
        String text = qr.get("qrText").asString();
        String decoded = decode(qr.get("qrImage").asString());

        assertThat(decoded).isEqualTo(text);
        assertThat(EmvQr.parse(text)).isPresent();
        assertThat(text).contains("5303498").contains("5406125.50").contains("5802MD").contains("010212");
        assertThat(qr.get("qrType").asString()).isEqualTo("dynamic");
        assertThat(qr.at("/extension/amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(qr.at("/extension/qrExpireIn").asLong()).isBetween(295L, 300L);
    }

    @Test
    void shouldUseTheMerchantsMccIdentifierAndFallBackToThePropertyWithoutAValidOne() {
        Session session = api().shiftOpen();
        JsonNode fallback = api().createQr(session, DYNAMIC_FIXED);
        api().ok(api().sync(MiaApi.configuration(session.pos(), 2, true, Map.of("mcc", "5812"))));
        JsonNode own = api().createQr(session, DYNAMIC_FIXED);
        api().ok(api().sync(MiaApi.configuration(session.pos(), 3, true, Map.of("mcc", "58A2"))));
        JsonNode invalid = api().createQr(session, DYNAMIC_FIXED);

        JsonNode paid = api().pay(own.get("qrText").asString(), null);
        JsonNode details = api().ok(api().get(session, "/pos/api/v1/transaction/" + paid.get("txId").asLong()));

        assertThat(tag(fallback, "52")).isEqualTo("5999");
        assertThat(tag(own, "52")).isEqualTo("5812");
        assertThat(tag(invalid, "52")).isEqualTo("5999");
        assertThat(paid.get("mcc").asString()).isEqualTo("5812");
        assertThat(details.at("/txInfo/m\u0441\u0441").asString()).isEqualTo("5812");
        assertThat(api().pay(fallback.get("qrText").asString(), null).get("mcc").asString()).isEqualTo("5999");
    }

    private static String tag(JsonNode qr, String id) {
        return EmvQr.parse(qr.get("qrText").asString()).orElseThrow().stream().filter(f -> f.id().equals(id))
                .findFirst().orElseThrow().value();
    }

    @Test
    void shouldRefuseToPayAtATerminalThePortalDisabledOrRemoved() {
        Session session = api().shiftOpen();
        JsonNode disabledQr = api().createQr(session, DYNAMIC_FIXED);
        JsonNode removedQr = api().createQr(session, DYNAMIC_FIXED);
        MerchantConfiguration active = MiaApi.configuration(session.pos(), 2, true);
        api().ok(api().sync(withTerminals(active, List.of(new MerchantConfiguration.Terminal(
                session.pos().terminalId(), "SN-1", MerchantConfiguration.Status.DISABLED,
                Map.of(MerchantConfiguration.Provider.MIA_POS, session.pos().miaTerminalId()))))));

        HttpResponse<String> atDisabled = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(disabledQr.get("qrText").asString()) + "}");
        api().ok(api().sync(withTerminals(MiaApi.configuration(session.pos(), 3, true), List.of())));
        HttpResponse<String> atRemoved = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(removedQr.get("qrText").asString()) + "}");

        assertThat(atDisabled.statusCode()).isEqualTo(409);
        assertThat(api().json(atDisabled).get("errorCode").asString()).isEqualTo("terminal_not_active");
        assertThat(api().json(atDisabled).get("result").asString()).isEqualTo("error");
        assertThat(atRemoved.statusCode()).isEqualTo(409);
        assertThat(api().json(atRemoved).get("errorCode").asString()).isEqualTo("terminal_not_active");
        assertThat(jdbc.sql("SELECT count(*) FROM transaction WHERE terminal_id = :t")
                .param("t", session.pos().terminalId()).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM qr_extension e JOIN qr_code q USING (qr_id) "
                + "WHERE q.terminal_id = :t AND e.status = 'active'")
                .param("t", session.pos().terminalId()).query(Integer.class).single()).isEqualTo(2);
    }

    private static MerchantConfiguration withTerminals(MerchantConfiguration c,
            List<MerchantConfiguration.Terminal> terminals) {
        MerchantConfiguration.Store store = c.stores().getFirst();
        return new MerchantConfiguration(c.merchantId(), c.version(), c.pspId(), c.name(), c.status(), c.providers(),
                List.of(new MerchantConfiguration.Store(store.storeId(), store.name(), store.status(),
                        store.timezone(), terminals)),
                c.apiKeys(), c.webhookEndpoints(), c.apiUsers());
    }

    @Test
    void shouldPayADynamicQrOnceAndIgnoreADuplicateNotification() {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session, DYNAMIC_FIXED);
        String body = "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString())
                + ",\"swiftMessageId\":\"VICBMD2XAXXX250201393\"}";

        JsonNode paid = api().ok(api().postPublic("/pos/sandbox/pay", body));
        JsonNode again = api().ok(api().postPublic("/pos/sandbox/pay", body));
        HttpResponse<String> secondPayment = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString()) + "}");
        String extensionId = qr.at("/extension/extensionId").asString();
        JsonNode check = api().ok(api().get(session, "/pos/api/v2/qr/extension/" + extensionId + "/check"));
        JsonNode state = api().ok(api().get(session, "/pos/api/v2/qr/" + qr.get("qrId").asString()));

        assertThat(paid.get("amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(paid.get("rrn").asString()).hasSize(12);
        assertThat(paid.get("swiftMessageId").asString()).isEqualTo("VICBMD2XAXXX250201393");
        assertThat(again.get("duplicate").asBoolean()).isTrue();
        assertThat(again.get("txId").asLong()).isEqualTo(paid.get("txId").asLong());
        assertThat(secondPayment.statusCode()).isEqualTo(409);
        assertThat(check.get("state").asString()).isEqualTo("paid");
        assertThat(check.get("totalPayments").asInt()).isEqualTo(1);
        assertThat(check.at("/lastTxInfo/m\u0441\u0441").asString()).isEqualTo("5999");
        assertThat(check.at("/lastTxInfo/swiftPayerBank").asString()).isEqualTo("VICBMD2X");
        assertThat(state.get("state").asString()).isEqualTo("paid");
        assertThat(state.at("/qrInfo/extension").isMissingNode()).isTrue();
    }

    @Test
    void shouldTakePaymentsOnAHybridQrThroughSuccessiveExtensions() {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session, "{\"qrType\":\"hybrid\",\"amountType\":\"controlled\"}");
        String qrId = qr.get("qrId").asString();
        String path = "/pos/api/v2/qr/" + qrId + "/extension";

        JsonNode first = api().ok(api().post(session, path, "{\"minAmount\":10,\"maxAmount\":50}"));
        HttpResponse<String> tooMuch = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString()) + ",\"amount\":60}");
        api().pay(qr.get("qrText").asString(), "20");
        JsonNode second = api().ok(api().post(session, path, "{\"minAmount\":5,\"maxAmount\":5}"));
        api().pay(qr.get("qrText").asString(), "5");
        JsonNode third = api().ok(api().post(session, path, "{\"minAmount\":1,\"maxAmount\":3}"));
        String thirdId = third.at("/extensionIfo/extensionId").asString();
        JsonNode cancelled = api().ok(api().delete(session, "/pos/api/v2/qr/extension/" + thirdId));
        HttpResponse<String> payCancelled = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString()) + ",\"amount\":2}");

        assertThat(qr.has("extension")).isFalse();
        assertThat(first.at("/extensionIfo/minAmount").decimalValue()).isEqualByComparingTo("10");
        assertThat(first.get("extensionInfo")).isEqualTo(first.get("extensionIfo"));
        assertThat(tooMuch.statusCode()).isEqualTo(422);
        assertThat(api().json(tooMuch).get("errorCode").asString()).isEqualTo("amount_out_of_range");
        assertThat(api().ok(api().get(session, "/pos/api/v2/qr/extension/"
                + first.at("/extensionIfo/extensionId").asString() + "/check")).get("state").asString())
                .isEqualTo("paid");
        assertThat(second.at("/extensionIfo/extensionId").asString())
                .isNotEqualTo(first.at("/extensionIfo/extensionId").asString());
        assertThat(cancelled.get("result").asString()).isEqualTo("success");
        assertThat(payCancelled.statusCode()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM transaction WHERE qr_id = CAST(:id AS uuid)").param("id", qrId)
                .query(Integer.class).single()).isEqualTo(2);
        JsonNode active = api().ok(api().get(session, "/pos/api/v2/qr/active?type=hybrid"));
        assertThat(active.get("codes")).hasSize(1);
        assertThat(active.at("/codes/0/qrImage").isMissingNode()).isTrue();
    }

    @Test
    void shouldApplyTheDocumentsRulesToCreationAndExtensions() {
        Session session = api().shiftOpen();
        JsonNode dynamic = api().createQr(session, DYNAMIC_FIXED);
        JsonNode staticQr = api().createQr(session,
                "{\"qrType\":\"static\",\"amountType\":\"fixed\",\"extension\":{\"amount\":7}}");

        HttpResponse<String> hybridWithExtension = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"hybrid\",\"amountType\":\"fixed\",\"extension\":{\"amount\":1}}");
        HttpResponse<String> freeWithExtension = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"static\",\"amountType\":\"free\",\"extension\":{\"amount\":1}}");
        HttpResponse<String> minAboveMax = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"dynamic\",\"amountType\":\"controlled\",\"extension\":{\"minAmount\":9,\"maxAmount\":3}}");
        HttpResponse<String> fixedWithoutAmount = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{}}");
        HttpResponse<String> negative = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":-1}}");
        HttpResponse<String> unknownType = api().post(session, "/pos/api/v2/qr",
                "{\"qrType\":\"rainbow\",\"amountType\":\"fixed\"}");
        HttpResponse<String> extensionOnDynamic = api().post(session,
                "/pos/api/v2/qr/" + dynamic.get("qrId").asString() + "/extension", "{\"amount\":3}");
        HttpResponse<String> cancelStaticExtension = api().delete(session,
                "/pos/api/v2/qr/extension/" + staticQr.at("/extension/extensionId").asString());

        for (HttpResponse<String> bad : java.util.List.of(hybridWithExtension, freeWithExtension, minAboveMax,
                fixedWithoutAmount, negative, unknownType)) {
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(api().json(bad).get("result").asString()).isEqualTo("error");
        }
        assertThat(extensionOnDynamic.statusCode()).isEqualTo(409);
        assertThat(api().json(extensionOnDynamic).get("errorCode").asString())
                .isEqualTo("operation_not_allowed_for_qr_type");
        assertThat(cancelStaticExtension.statusCode()).isEqualTo(409);
        assertThat(api().json(cancelStaticExtension).get("errorCode").asString())
                .isEqualTo("operation_not_allowed_for_qr_type");
        assertThat(jdbc.sql("SELECT count(*) FROM qr_code WHERE terminal_id = :t")
                .param("t", session.pos().terminalId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void shouldRefuseToPayAnExpiredExtension() {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session, DYNAMIC_FIXED);
        jdbc.sql("UPDATE qr_extension SET expires_at = now() - interval '1 second' WHERE qr_id = CAST(:id AS uuid)")
                .param("id", qr.get("qrId").asString()).update();

        HttpResponse<String> pay = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(qr.get("qrText").asString()) + "}");
        JsonNode state = api().ok(api().get(session, "/pos/api/v2/qr/" + qr.get("qrId").asString()));

        assertThat(pay.statusCode()).isEqualTo(409);
        assertThat(state.get("state").asString()).isEqualTo("expired");
    }

    @Test
    void shouldCancelACodeAndKeepOtherTerminalsCodesHidden() {
        Session session = api().shiftOpen();
        Session other = api().shiftOpen();
        JsonNode qr = api().createQr(session, DYNAMIC_FIXED);
        String qrId = qr.get("qrId").asString();

        HttpResponse<String> foreignGet = api().get(other, "/pos/api/v2/qr/" + qrId);
        HttpResponse<String> foreignCancel = api().delete(other, "/pos/api/v2/qr/" + qrId);
        HttpResponse<String> foreignCheck = api().get(other, "/pos/api/v2/qr/extension/"
                + qr.at("/extension/extensionId").asString() + "/check");
        JsonNode cancelled = api().ok(api().delete(session, "/pos/api/v2/qr/" + qrId));
        HttpResponse<String> again = api().delete(session, "/pos/api/v2/qr/" + qrId);

        assertThat(foreignGet.statusCode()).isEqualTo(200);
        assertThat(foreignGet.body()).isEqualTo("{\"state\":\"not_found\"}");
        assertThat(foreignCancel.statusCode()).isEqualTo(404);
        assertThat(api().json(foreignCancel).get("errorCode").asString()).isEqualTo("not_found");
        assertThat(foreignCheck.statusCode()).isEqualTo(200);
        assertThat(api().json(foreignCheck).get("state").asString()).isEqualTo("not_found");
        assertThat(cancelled.get("result").asString()).isEqualTo("success");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api().ok(api().get(session, "/pos/api/v2/qr/" + qrId)).get("state").asString())
                .isEqualTo("cancelled");
    }

    /**
     * The document's check and get answers show {@code state: not_found}: an unknown id answers 200 with that state,
     * and another terminal's id answers exactly the same bytes, so nothing of it leaks.
     */
    @Test
    void shouldAnswerStateNotFoundAlikeForUnknownAndAnotherTerminalsCodes() {
        Session owner = api().shiftOpen();
        Session other = api().shiftOpen();
        JsonNode qr = api().createQr(owner, DYNAMIC_FIXED);
        api().pay(qr.get("qrText").asString(), null);
        String unknown = java.util.UUID.randomUUID().toString();
        String foreignQr = qr.get("qrId").asString();
        String foreignExtension = qr.at("/extension/extensionId").asString();

        for (String[] paths : new String[][] {
                { "/pos/api/v2/qr/" + unknown + "?isImageRequired=true",
                        "/pos/api/v2/qr/" + foreignQr + "?isImageRequired=true" },
                { "/pos/api/v2/qr/extension/" + unknown + "/check",
                        "/pos/api/v2/qr/extension/" + foreignExtension + "/check" },
                { "/pos/api/v1/qr/" + unknown + "/check", "/pos/api/v1/qr/" + foreignQr + "/check" } }) {
            HttpResponse<String> missing = api().get(other, paths[0]);
            HttpResponse<String> foreign = api().get(other, paths[1]);

            assertThat(missing.statusCode()).as(paths[0]).isEqualTo(200);
            assertThat(api().json(missing).get("state").asString()).as(paths[0]).isEqualTo("not_found");
            assertThat(foreign.statusCode()).as(paths[1]).isEqualTo(200);
            assertThat(foreign.body()).as(paths[1]).isEqualTo(missing.body());
        }
        assertThat(api().ok(api().get(other, "/pos/api/v2/qr/extension/" + unknown + "/check")).toString())
                .isEqualTo("{\"state\":\"not_found\",\"errorDescription\":\"QR extension not found.\","
                        + "\"totalPayments\":0}");
        assertThat(api().ok(api().get(other, "/pos/api/v1/qr/" + unknown + "/check")).toString())
                .isEqualTo("{\"state\":\"not_found\",\"errorDescription\":\"QR code not found.\"}");
        assertThat(api().get(other, "/pos/api/v2/qr/not-a-uuid").statusCode()).isEqualTo(400);
        assertThat(api().ok(api().get(owner, "/pos/api/v2/qr/" + foreignQr)).get("state").asString())
                .isEqualTo("paid");
    }

    @Test
    void shouldIncludeTheImageInActiveAndGetOnlyWhenAsked() throws Exception {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session, DYNAMIC_FIXED);
        String qrId = qr.get("qrId").asString();

        JsonNode activeWith = api().ok(api().get(session, "/pos/api/v2/qr/active?isImageRequired=true"));
        JsonNode activeWithout = api().ok(api().get(session, "/pos/api/v2/qr/active?type=dynamic"));
        JsonNode getWith = api().ok(api().get(session, "/pos/api/v2/qr/" + qrId + "?isImageRequired=true"));
        JsonNode getWithout = api().ok(api().get(session, "/pos/api/v2/qr/" + qrId));
        HttpResponse<String> notBoolean = api().get(session, "/pos/api/v2/qr/" + qrId + "?isImageRequired=maybe");

        assertThat(activeWith.get("codes")).hasSize(1);
        assertThat(decode(activeWith.at("/codes/0/qrImage").asString())).isEqualTo(qr.get("qrText").asString());
        assertThat(activeWithout.at("/codes/0/qrId").asString()).isEqualTo(qrId);
        assertThat(activeWithout.at("/codes/0/qrImage").isMissingNode() || activeWithout.at("/codes/0/qrImage")
                .isNull()).isTrue();
        assertThat(getWith.get("state").asString()).isEqualTo("active");
        assertThat(decode(getWith.at("/qrInfo/qrImage").asString())).isEqualTo(qr.get("qrText").asString());
        assertThat(getWith.at("/qrInfo/extension/amount").decimalValue()).isEqualByComparingTo("125.50");
        assertThat(getWithout.at("/qrInfo/qrImage").isMissingNode() || getWithout.at("/qrInfo/qrImage").isNull())
                .isTrue();
        assertThat(getWithout.at("/qrInfo/qrText").asString()).isEqualTo(qr.get("qrText").asString());
        assertThat(notBoolean.statusCode()).isEqualTo(400);
    }

    /**
     * The PNG read back with ZXing. PURE_BARCODE, because the image is a clean render rather than a photo: ZXing's
     * camera finder-pattern detector misses about a quarter of these version-10 codes even though every module is
     * right (which made the plain decode a flaky assertion).
     */
    static String decode(String base64Png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64Png)));
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image))), Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }

    @Test
    void shouldNotLetAnotherTerminalCreateOrCancelExtensionsOfACode() {
        Session owner = api().shiftOpen();
        Session other = api().shiftOpen();
        JsonNode hybrid = api().createQr(owner, "{\"qrType\":\"hybrid\",\"amountType\":\"fixed\"}");
        String qrId = hybrid.get("qrId").asString();
        String extensionId = api().ok(api().post(owner, "/pos/api/v2/qr/" + qrId + "/extension", "{\"amount\":7}"))
                .at("/extensionIfo/extensionId").asString();

        HttpResponse<String> foreignCreate = api().post(other, "/pos/api/v2/qr/" + qrId + "/extension",
                "{\"amount\":8}");
        HttpResponse<String> foreignCancel = api().delete(other, "/pos/api/v2/qr/extension/" + extensionId);

        assertThat(foreignCreate.statusCode()).isEqualTo(404);
        assertThat(api().json(foreignCreate).get("errorCode").asString()).isEqualTo("not_found");
        assertThat(foreignCancel.statusCode()).isEqualTo(404);
        assertThat(api().json(foreignCancel).get("errorCode").asString()).isEqualTo("not_found");
        JsonNode check = api().ok(api().get(owner, "/pos/api/v2/qr/extension/" + extensionId + "/check"));
        assertThat(check.get("state").asString()).isEqualTo("active");
        assertThat(jdbc.sql("SELECT count(*) FROM qr_extension WHERE qr_id = CAST(:id AS uuid)").param("id", qrId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void shouldKeepTheDeprecatedV1CallsWorking() {
        Session session = api().shiftOpen();

        JsonNode created = api().ok(api().post(session, "/pos/api/v1/qr", "{\"amount\":42.1}"));
        String qrId = created.get("qrId").asString();
        String text = jdbc.sql("SELECT qr_text FROM qr_code WHERE qr_id = CAST(:id AS uuid)").param("id", qrId)
                .query(String.class).single();
        JsonNode before = api().ok(api().get(session, "/pos/api/v1/qr/" + qrId + "/check"));
        api().pay(text, "42.10");
        JsonNode after = api().ok(api().get(session, "/pos/api/v1/qr/" + qrId + "/check"));
        JsonNode second = api().ok(api().post(session, "/pos/api/v1/qr", "{\"amount\":1}"));
        JsonNode cancel = api().ok(api().delete(session, "/pos/api/v1/qr/" + second.get("qrId").asString()));
        HttpResponse<String> missingAmount = api().post(session, "/pos/api/v1/qr", "{}");

        assertThat(created.get("qrExpireIn").asLong()).isPositive();
        assertThat(created.get("qrImage").asString()).isNotBlank();
        assertThat(before.get("state").asString()).isEqualTo("active");
        assertThat(after.get("state").asString()).isEqualTo("paid");
        assertThat(after.at("/txInfo/amount").decimalValue()).isEqualByComparingTo("42.10");
        assertThat(cancel.get("result").asString()).isEqualTo("success");
        assertThat(missingAmount.statusCode()).isEqualTo(400);
    }

    @Test
    void shouldTakeAnyNumberOfPaymentsOnAStaticQrWithAFreeAmount() {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session, "{\"qrType\":\"static\",\"amountType\":\"free\"}");
        String text = qr.get("qrText").asString();

        api().pay(text, "3.50");
        api().pay(text, "7");
        HttpResponse<String> noAmount = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(text) + "}");
        HttpResponse<String> extension = api().post(session,
                "/pos/api/v2/qr/" + qr.get("qrId").asString() + "/extension", "{\"amount\":1}");
        JsonNode check = api().ok(api().get(session, "/pos/api/v2/qr/extension/"
                + qr.at("/extension/extensionId").asString() + "/check"));

        assertThat(text).contains("010211").doesNotContain("5404");
        assertThat(qr.at("/extension/qrExpireIn").isMissingNode()).isTrue();
        assertThat(noAmount.statusCode()).isEqualTo(400);
        assertThat(extension.statusCode()).isEqualTo(409);
        assertThat(check.get("state").asString()).isEqualTo("active");
        assertThat(check.get("totalPayments").asInt()).isEqualTo(2);
        assertThat(check.at("/lastTxInfo/amount").decimalValue()).isEqualByComparingTo("7");
    }

    @Test
    void shouldPayAStaticFixedQrThroughANewExtensionAfterTheFirstIsPaid() {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"static\",\"amountType\":\"fixed\",\"extension\":{\"amount\":15}}");
        String text = qr.get("qrText").asString();

        JsonNode first = api().pay(text, null);
        HttpResponse<String> again = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(text) + "}");
        JsonNode extension = api().ok(api().post(session, "/pos/api/v2/qr/" + qr.get("qrId").asString()
                + "/extension", "{\"amount\":25}"));
        HttpResponse<String> wrongAmount = api().postPublic("/pos/sandbox/pay",
                "{\"qrText\":" + json.writeValueAsString(text) + ",\"amount\":20}");
        JsonNode second = api().pay(text, "25");
        JsonNode state = api().ok(api().get(session, "/pos/api/v2/qr/" + qr.get("qrId").asString()));

        assertThat(first.get("amount").decimalValue()).isEqualByComparingTo("15");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(extension.at("/extensionIfo/amount").decimalValue()).isEqualByComparingTo("25");
        assertThat(wrongAmount.statusCode()).isEqualTo(422);
        assertThat(second.get("amount").decimalValue()).isEqualByComparingTo("25");
        assertThat(state.get("state").asString()).isEqualTo("active");
    }
}
