import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Prints every message of a payment request's WebSocket, one per line, until the server closes it or Ctrl-C:
 * {@code java payment-request/tools/WatchPaymentRequest.java "$WS"} with the webSocketURL from POST. Needs only the
 * JDK (21+).
 */
public class WatchPaymentRequest {

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java WatchPaymentRequest.java ws://host:8087/ws/PaymentRequest?token=...");
            System.exit(2);
        }
        CompletableFuture<Void> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(args[0]), new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    System.out.println(message);
                    message.setLength(0);
                }
                socket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).join();
        closed.join();
    }
}
