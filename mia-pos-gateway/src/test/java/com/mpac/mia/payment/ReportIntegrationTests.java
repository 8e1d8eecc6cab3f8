package com.mpac.mia.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import com.mpac.mia.MiaApi.Session;
import com.mpac.mia.MiaIntegrationTest;

import tools.jackson.databind.JsonNode;

class ReportIntegrationTests extends MiaIntegrationTest {

    /** Three payments (10, 20.50, 30) and one partial return (5.25): total 55.25. */
    private String shiftWithTransactions(Session session) {
        String shiftId = api().ok(api().get(session, "/pos/api/v1/shift/check")).get("shiftId").asString();
        long first = 0;
        for (String amount : new String[] { "10", "20.50", "30" }) {
            JsonNode qr = api().createQr(session,
                    "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":" + amount + "}}");
            long txId = api().pay(qr.get("qrText").asString(), null).get("txId").asLong();
            first = first == 0 ? txId : first;
        }
        api().ok(api().post(session, "/pos/api/v1/transaction/return",
                "{\"txId\":" + first + ",\"amount\":5.25,\"fullRefund\":false,\"reasonCode\":\"R\"}"));
        return shiftId;
    }

    @Test
    void shouldCountAndSumAnOpenShiftInTheXReport() {
        Session session = api().shiftOpen();
        String shiftId = shiftWithTransactions(session);

        JsonNode report = api().ok(api().get(session,
                "/pos/api/v2/shift/" + shiftId + "/x-report?format=json&isFullReport=true")).get("reportJson");
        JsonNode brief = api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/x-report?format=json"))
                .get("reportJson");
        JsonNode text = api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/x-report?format=txt"));
        HttpResponse<String> zOfOpen = api().get(session, "/pos/api/v2/shift/" + shiftId + "/z-report?format=json");

        assertThat(report.get("terminalType").asString()).isEqualTo("MiaPos");
        assertThat(report.get("terminalId").asString()).isEqualTo(session.pos().miaTerminalId());
        assertThat(report.get("operator").asString()).isEqualTo(session.pos().email());
        assertThat(report.get("paymentCount").asInt()).isEqualTo(3);
        assertThat(report.get("paymentSum").decimalValue()).isEqualByComparingTo("60.50");
        assertThat(report.get("cancellationCount").asInt()).isEqualTo(1);
        assertThat(report.get("cancellationSum").decimalValue()).isEqualByComparingTo("5.25");
        assertThat(report.get("totalSum").decimalValue()).isEqualByComparingTo("55.25");
        assertThat(report.at("/transactions/recordCount").asInt()).isEqualTo(4);
        assertThat(report.at("/transactions/data/3/transactionType").asString()).isEqualTo("cancellation");
        assertThat(brief.has("transactions")).isFalse();
        assertThat(text.get("reportText").toString()).contains("Total: 55.25 MDL");
        assertThat(zOfOpen.statusCode()).isEqualTo(409);
        assertThat(api().json(zOfOpen).get("errorCode").asString()).isEqualTo("shift_not_closed");
    }

    @Test
    void shouldRenderTheZReportOfAClosedShiftAsAPdfAndAPngWithTheRightTotals() throws Exception {
        Session session = api().shiftOpen();
        String shiftId = shiftWithTransactions(session);
        api().ok(api().post(session, "/pos/api/v1/shift/close", null));

        JsonNode pdf = api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/z-report?isFullReport=true"));
        String pdfText;
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf.get("reportBinary").asString()))) {
            pdfText = new PDFTextStripper().getText(document);
        }
        JsonNode png = api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/z-report?format=png"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(png.get("reportBinary").asString())));
        JsonNode brief = api().ok(api().get(session, "/pos/api/v1/shift/" + shiftId + "/z-report"));
        HttpResponse<String> xOfClosed = api().get(session, "/pos/api/v2/shift/" + shiftId + "/x-report");

        assertThat(pdfText).contains("Z-REPORT").contains("Payments: 3  Sum: 60.50 MDL")
                .contains("Cancellations: 1  Sum: 5.25 MDL").contains("Total: 55.25 MDL").contains("cancellation");
        assertThat(image.getWidth()).isGreaterThan(300);
        assertThat(image.getHeight()).isGreaterThan(200);
        assertInked(image);
        assertThat(brief.get("report").asString()).contains("Total: 55.25 MDL");
        assertThat(xOfClosed.statusCode()).isEqualTo(409);
    }

    @Test
    void shouldIssueAReceiptForATransactionInEveryFormat() throws Exception {
        Session session = api().shiftOpen();
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":12.34}}");
        long txId = api().pay(qr.get("qrText").asString(), null).get("txId").asLong();
        String path = "/pos/api/v2/transaction/" + txId + "/receipt?format=";

        JsonNode json = api().ok(api().get(session, path + "json")).get("reportJson");
        JsonNode txt = api().ok(api().get(session, path + "txt"));
        JsonNode pdf = api().ok(api().get(session, path + "pdf"));
        String pdfText;
        try (PDDocument document = Loader.loadPDF(Base64.getDecoder().decode(pdf.get("reportBinary").asString()))) {
            pdfText = new PDFTextStripper().getText(document);
        }
        JsonNode png = api().ok(api().get(session, path + "png"));

        assertThat(json.get("amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(json.get("ccy").asString()).isEqualTo("MDL");
        assertThat(json.get("transactionId").asString()).isEqualTo("%08d".formatted(txId));
        assertThat(json.get("swiftPayerBank").asString()).isEqualTo("VICBMD2X");
        assertThat(txt.get("reportText").toString()).contains("Amount: 12.34 MDL");
        assertThat(pdfText).contains("Amount: 12.34 MDL");
        assertInked(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                png.get("reportBinary").asString()))));
    }

    /**
     * Not blank: dark text on a light page, over many separate lines (the report has about a dozen), with ink on
     * a small share of the pixels, as rendered text has.
     */
    private static void assertInked(BufferedImage image) {
        long dark = 0;
        int inkedRows = 0;
        int lines = 0;
        boolean previousInked = false;
        for (int y = 0; y < image.getHeight(); y++) {
            boolean inked = false;
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int luminance = (((rgb >> 16) & 0xFF) * 299 + ((rgb >> 8) & 0xFF) * 587 + (rgb & 0xFF) * 114) / 1000;
                if (luminance < 128) {
                    dark++;
                    inked = true;
                }
            }
            inkedRows += inked ? 1 : 0;
            lines += inked && !previousInked ? 1 : 0;
            previousInked = inked;
        }
        double share = (double) dark / ((long) image.getWidth() * image.getHeight());
        assertThat(share).as("share of dark pixels").isBetween(0.005, 0.4);
        assertThat(inkedRows).as("rows with ink").isGreaterThan(20);
        assertThat(lines).as("separate lines of text").isGreaterThanOrEqualTo(4);
        int corner = image.getRGB(0, 0);
        assertThat(((corner >> 16) & 0xFF) + ((corner >> 8) & 0xFF) + (corner & 0xFF)).as("light page")
                .isGreaterThan(600);
    }

    @Test
    void shouldRefuseUnknownFormatsAndHideOtherTerminalsShiftsAndTransactions() {
        Session session = api().shiftOpen();
        Session other = api().shiftOpen();
        String shiftId = api().ok(api().get(session, "/pos/api/v1/shift/check")).get("shiftId").asString();
        JsonNode qr = api().createQr(session,
                "{\"qrType\":\"dynamic\",\"amountType\":\"fixed\",\"extension\":{\"amount\":1}}");
        long txId = api().pay(qr.get("qrText").asString(), null).get("txId").asLong();

        HttpResponse<String> badFormat = api().get(session, "/pos/api/v2/shift/" + shiftId + "/x-report?format=doc");
        HttpResponse<String> foreignX = api().get(other, "/pos/api/v2/shift/" + shiftId + "/x-report?format=json");
        HttpResponse<String> foreignReceipt = api().get(other, "/pos/api/v2/transaction/" + txId + "/receipt");

        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(api().json(badFormat).get("result").asString()).isEqualTo("error");
        assertThat(foreignX.statusCode()).isEqualTo(404);
        assertThat(api().json(foreignX).get("errorCode").asString()).isEqualTo("not_found");
        assertThat(foreignReceipt.statusCode()).isEqualTo(404);
        api().ok(api().post(session, "/pos/api/v1/shift/close", null));
        HttpResponse<String> foreignZ = api().get(other, "/pos/api/v2/shift/" + shiftId + "/z-report?format=json");
        HttpResponse<String> foreignShortZ = api().get(other, "/pos/api/v1/shift/" + shiftId + "/z-report");
        assertThat(foreignZ.statusCode()).isEqualTo(404);
        assertThat(api().json(foreignZ).get("errorCode").asString()).isEqualTo("not_found");
        assertThat(foreignShortZ.statusCode()).isEqualTo(404);
        assertThat(api().ok(api().get(session, "/pos/api/v2/shift/" + shiftId + "/z-report?format=json"))
                .at("/reportJson/paymentCount").asInt()).isEqualTo(1);
    }
}
