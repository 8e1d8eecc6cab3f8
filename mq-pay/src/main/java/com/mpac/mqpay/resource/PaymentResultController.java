package com.mpac.mqpay.resource;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.config.CurrentMerchant;

@RestController
@RequestMapping("/api/mq-pay/payment-results")
@Tag(name = "Payment results",
        description = "What providers (IPN), cashiers (system IPN) and refunds reported, kind PROVIDER_IPN / "
                + "SYSTEM_IPN / REFUND with outcome APPLIED, FAILED, LATE or AMOUNT_MISMATCH. A merchant may add "
                + "MANUAL notes (outcome RECORDED), which never change money; only those can be deleted.")
class PaymentResultController extends ResourceController {

    PaymentResultController(ResourceService service) {
        super(service, Resource.PAYMENT_RESULTS);
    }

    @PostMapping
    @Operation(summary = "Create", description = "Answers the created row (200). Unknown fields, statuses or paid "
            + "amounts in the body are refused (VALIDATION_ERROR 400).")
    Map<String, Object> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = ResourceRequests.ResultCreate.class))) @RequestBody JsonNode body) {
        ResourceRequests.ResultCreate request = service().read(body, ResourceRequests.ResultCreate.class);
        return service().createResult(CurrentMerchant.id(), request);
    }
}
