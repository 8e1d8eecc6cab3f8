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
@RequestMapping("/api/mq-pay/payment-attempts")
@Tag(name = "Payment attempts",
        description = "Creating an attempt follows checkout's rules on an existing transaction (a VNPAY attempt gets "
                + "its QR and is 204_SENT; a SYSTEM one is 100_NEW). Only failed, expired and cancelled attempts "
                + "and cancel records can be deleted.")
class PaymentAttemptController extends ResourceController {

    PaymentAttemptController(ResourceService service) {
        super(service, Resource.PAYMENT_ATTEMPTS);
    }

    @PostMapping
    @Operation(summary = "Create", description = "Answers the created row (200). Unknown fields, statuses or paid "
            + "amounts in the body are refused (VALIDATION_ERROR 400).")
    Map<String, Object> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = ResourceRequests.AttemptCreate.class))) @RequestBody JsonNode body) {
        ResourceRequests.AttemptCreate request = service().read(body, ResourceRequests.AttemptCreate.class);
        return service().createAttempt(CurrentMerchant.id(), request);
    }
}
