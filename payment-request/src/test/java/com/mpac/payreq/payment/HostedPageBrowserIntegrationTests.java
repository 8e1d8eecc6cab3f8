package com.mpac.payreq.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

import com.mpac.payreq.PaymentRequestApi.Merchant;
import com.mpac.payreq.PaymentRequestIntegrationTest;

/**
 * The hosted page in a real headless Chromium (Debian's chromium and chromium-driver, which {@code .ci/run}
 * installs when missing): a shopper opens the payment URL, adds a tip, pays with a test card and sees the
 * confirmation, while the merchant's WebSocket client receives the payment. The page's own script runs under its
 * CSP and SRI pins: a violation would leave the total unchanged and show up in the browser console.
 */
class HostedPageBrowserIntegrationTests extends PaymentRequestIntegrationTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void openBrowser() throws Exception {
        assertThat(new File(CHROMIUM)).as("Debian's chromium (apt-get install chromium chromium-driver)").canRead();
        assertThat(new File(CHROMEDRIVER)).as("Debian's chromium-driver").canRead();
        profile = Files.createTempDirectory("payreq-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    void shouldPayWithATestCardAndATipWhileTheMerchantsWebSocketReceivesThePayment() throws Exception {
        Merchant merchant = api().onboard();
        JsonNode created = api().create(merchant, Map.of("usageCountLimit", 1, "termsAndTransactionInfo",
                "Thank you for dining with us"));
        PaymentUpdatesIntegrationTests.Listener merchantClient = PaymentUpdatesIntegrationTests.Listener.connect(
                created.get("webSocketURL").asString(), json);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !merchantClient.messages.isEmpty());

        browser.get(created.get("paymentURL").asString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("payment-form")));
        assertThat(browser.findElement(By.id("merchant")).getText()).isEqualTo("Cafe " + merchant.id());
        assertThat(browser.findElement(By.id("terms")).getText()).isEqualTo("Thank you for dining with us");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("USD 105.00");
        browser.findElement(By.id("tip-15")).click();
        wait.until(ExpectedConditions.textToBe(By.id("total"), "USD 120.00"));
        assertThat(browser.findElement(By.id("tipAmount")).getDomProperty("value")).isEqualTo("15.00");
        browser.findElement(By.id("cardNumber")).sendKeys("4111 1111 1111 1111");
        browser.findElement(By.id("expiry")).sendKeys("12/30");
        browser.findElement(By.id("cvv")).sendKeys("123");
        browser.findElement(By.id("pay")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirmation")));
        assertThat(browser.findElement(By.id("confirmation")).getText()).contains("Payment approved")
                .contains("120.00");
        assertThat(browser.findElement(By.id("masked-pan")).getText()).isEqualTo("VISA 411111******1111");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> merchantClient.messages.size() == 2);
        JsonNode update = merchantClient.messages.get(1);
        assertThat(update.get("result").asString()).isEqualTo("APPROVED");
        assertThat(update.get("tipAmount").decimalValue()).isEqualByComparingTo("15.00");
        assertThat(update.get("totalAmount").decimalValue()).isEqualByComparingTo("120.00");
        assertThat(update.get("transactionID").asString())
                .isEqualTo(browser.findElement(By.id("transaction-id")).getText());
        assertThat(update.get("status").asInt()).isEqualTo(4);
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).as("no CSP or SRI violation").noneMatch(entry -> entry.getMessage()
                .contains("Content Security Policy") || entry.getMessage().contains("integrity"));

        browser.get(created.get("paymentURL").asString());
        assertThat(browser.findElement(By.id("unavailable")).getText()).contains("already been used");
        JsonNode listed = api().ok(api().get(merchant, "/api/PaymentRequest")).get("requests").get(0);
        assertThat(listed.get("currentUsageCount").asInt()).isEqualTo(1);
        assertThat(listed.get("status").asInt()).isEqualTo(4);
    }
}
