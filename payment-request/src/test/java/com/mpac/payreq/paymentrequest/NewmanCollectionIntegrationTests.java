package com.mpac.payreq.paymentrequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/**
 * The seed's Postman collection, every request as the collection sends it (its host swapped for this service,
 * {@code {id}} for a real payment request, real credentials in the collection's CustomerCode, Username and
 * Password variables), run with newman against the booted service. {@code .ci/run} installs newman when missing.
 */
class NewmanCollectionIntegrationTests extends PaymentRequestIntegrationTest {

    static final String SEED_HOST = "https://paymentrequest.magensa.net";

    @Test
    void shouldAnswerEveryRequestOfTheSeedsCollectionSuccessfully(@TempDir Path dir) throws Exception {
        Merchant merchant = api().onboard();
        String id = api().create(merchant, Map.of()).get("paymentRequestID").asString();
        String seed = new ClassPathResource("magensa-payment-request.postman_collection.json")
                .getContentAsString(StandardCharsets.UTF_8);
        String collection = seed.replace(SEED_HOST, "http://localhost:" + port).replace("/{id}", "/" + id)
                .replace("\"{id}\"", "\"" + id + "\"");
        JsonNode tree = json.readTree(collection);
        liftBasicConfig(tree);
        Path collectionFile = Files.writeString(dir.resolve("collection.json"), json.writeValueAsString(tree));
        Path report = dir.resolve("report.json");

        Process newman = new ProcessBuilder("newman", "run", collectionFile.toString(),
                "--env-var", "CustomerCode=" + merchant.customerCode(),
                "--env-var", "Username=" + merchant.username(),
                "--env-var", "Password=" + merchant.password(),
                "--reporters", "cli,json", "--reporter-json-export", report.toString(),
                "--color", "off", "--disable-unicode", "--timeout-request", "30000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("newman.log").toFile()).start();
        boolean finished = newman.waitFor(180, TimeUnit.SECONDS);
        String log = Files.readString(dir.resolve("newman.log"));

        assertThat(finished).as(log).isTrue();
        assertThat(newman.exitValue()).as(log).isZero();
        JsonNode run = json.readTree(report.toFile()).get("run");
        assertThat(run.get("failures").isEmpty()).as(log).isTrue();
        List<String> answered = new ArrayList<>();
        for (JsonNode execution : run.get("executions")) {
            answered.add(execution.get("item").get("name").asString() + " " + execution.get("response").get("code")
                    .asInt());
            String sentAuthorization = authorization(execution.get("request").get("header"));
            assertThat(sentAuthorization).as(log).isEqualTo(merchant.authorization());
        }
        assertThat(answered).as(log).containsExactly("/api/PaymentRequest 200", "GET Payment Requests 200",
                "POST Create Payment Request 200", "GET Payment Request by ID 200",
                "PUT Update Payment Request 200");
        JsonNode updated = api().ok(api().get(merchant, "/api/PaymentRequest/" + id));
        assertThat(updated.get("customerTranID").asString()).isEqualTo("UpdatedID");
        assertThat(updated.get("usageCountLimit").asInt()).isEqualTo(10);
        assertThat(api().ok(api().get(merchant, "/api/PaymentRequest")).get("totalRecordsAvailable").asLong())
                .isEqualTo(2);
    }

    /**
     * The seed writes its Basic auth as {@code "basic": {"basicConfig": [{"key": "username", "value":
     * "{{CustomerCode}}/{{Username}}"}, {"key": "password", "value": "{{Password}}"}]}}, an export shape newman does
     * not read (it would send {@code Basic Og==}, empty credentials). The same key/value list is lifted to
     * {@code "basic": [...]}, the shape newman reads; the credentials stay the collection's own variables.
     */
    private static void liftBasicConfig(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode basic = object.get("basic");
            if ("basic".equals(object.path("type").asString("")) && basic != null && basic.has("basicConfig")) {
                object.set("basic", basic.get("basicConfig"));
            }
        }
        for (JsonNode child : node) {
            liftBasicConfig(child);
        }
    }

    private static String authorization(JsonNode headers) {
        for (JsonNode header : headers) {
            if ("Authorization".equalsIgnoreCase(header.get("key").asString())
                    && !header.path("disabled").asBoolean(false)) {
                return header.get("value").asString();
            }
        }
        return null;
    }

}
