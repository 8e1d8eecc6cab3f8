import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A merchant's webhook endpoint for trying the platform out: listens on a port, checks each delivery's Standard
 * Webhooks signature against the endpoint's whsec_ secret, answers 204, and prints one line per delivery.
 *
 * <pre>
 * java tools/WebhookReceiver.java 9999 whsec_...
 * </pre>
 */
public class WebhookReceiver {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = Base64.getDecoder().decode(args[1].substring("whsec_".length()));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            boolean verified = false;
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                for (String candidate : String.valueOf(signature).split(" ")) {
                    verified |= candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                            Base64.getDecoder().decode(candidate.substring(3)));
                }
            }
            catch (Exception ex) {
                verified = false;
            }
            String type = body.replaceAll("(?s).*?\"type\":\"([^\"]*)\".*", "$1");
            System.out.println((verified ? "verified " : "SIGNATURE MISMATCH ") + id + " " + type);
            exchange.sendResponseHeaders(verified ? 204 : 400, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + port + "/");
    }
}
