package com.mpac.payreq.paymentrequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.payreq.error.PaymentRequestError;
import com.mpac.payreq.merchant.ApiCaller;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.Created;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.Info;
import com.mpac.payreq.paymentrequest.PaymentRequestResponses.SummaryList;

@RestController
@Tag(name = "Payment Request", description = "The Magensa Payment Request API. HTTP Basic with "
        + "'{CustomerCode}/{Username}' and the password; a failed authentication is a bare 401.")
@SecurityRequirement(name = "basic")
class PaymentRequestController {

    static final String PATH = "/api/PaymentRequest";

    private final PaymentRequestService service;

    PaymentRequestController(PaymentRequestService service) {
        this.service = service;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List payment request summaries",
            description = "The merchant's payment requests created between ds and de (UTC days, both included), "
                    + "oldest first, one page of them. pn beyond the last page (at least page 1 always exists) "
                    + "is 400.")
    @ApiResponse(responseCode = "200", description = "PaymentRequestSummaryListInfo")
    @ApiResponse(responseCode = "400", description = "ds/de not a YYYYMMDD date or de before ds, ps outside "
            + "1–1000, pn outside 1–number of pages, st outside 0–4",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "401", description = "Authentication error (no body)", content = @Content)
    SummaryList list(@AuthenticationPrincipal ApiCaller caller,
            @Parameter(description = "Start date of the creation date, YYYYMMDD; default 60 days ago",
                    schema = @Schema(type = "integer", example = "20220413")) @RequestParam(required = false) String ds,
            @Parameter(description = "End date of the creation date, YYYYMMDD; default today",
                    schema = @Schema(type = "integer", example = "20220421")) @RequestParam(required = false) String de,
            @Parameter(description = "Page size, 1–1000; default 20", schema = @Schema(type = "integer"))
            @RequestParam(required = false) String ps,
            @Parameter(description = "Page number, from 1; default 1", schema = @Schema(type = "integer"))
            @RequestParam(required = false) String pn,
            @Parameter(description = "Status 0–4 (0 disabled, 1 not yet active, 2 active, 3 expired, 4 used up); "
                    + "default all", schema = @Schema(type = "integer")) @RequestParam(required = false) String st) {
        return service.list(caller, ds, de, ps, pn, st);
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.OK)
    @Operation(summary = "Create a payment request",
            description = "Answers its id, the payment URL of the hosted payment page, the WebSocket token (and "
                    + "the URL to connect with it) and a QR code of the payment URL (PNG data URL).")
    @ApiResponse(responseCode = "200", description = "PaymentRequestCreated")
    @ApiResponse(responseCode = "400", description = "A field is missing, malformed or out of range",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "401", description = "Authentication error (no body)", content = @Content)
    Created create(@AuthenticationPrincipal ApiCaller caller, @RequestBody PaymentRequestBody body) {
        return service.create(caller, body);
    }

    @GetMapping(path = PATH + "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a payment request",
            description = "Every field, the derived status and usage count, the payment and WebSocket URLs and "
                    + "the payments made on the hosted page (masked PAN and processor reference only).")
    @ApiResponse(responseCode = "200", description = "PaymentRequestInfo")
    @ApiResponse(responseCode = "404", description = "No such payment request (or another merchant's)",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "401", description = "Authentication error (no body)", content = @Content)
    Info get(@AuthenticationPrincipal ApiCaller caller, @PathVariable String id) {
        return service.get(caller, id);
    }

    @PutMapping(path = PATH + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Update a payment request (full update)",
            description = "Replaces every field; an absent optional field takes its default. Once the request "
                    + "has taken a payment (currentUsageCount > 0), only isEnabled, expirationDate and "
                    + "usageCountLimit (0, or not below currentUsageCount) may change: anything else that differs "
                    + "is 409 PaymentRequestAlreadyUsed, since it would rewrite what a shopper already paid.")
    @ApiResponse(responseCode = "200", description = "PaymentRequestInfo")
    @ApiResponse(responseCode = "400", description = "A field is missing, malformed or out of range",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "404", description = "No such payment request (or another merchant's)",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "409", description = "PaymentRequestAlreadyUsed",
            content = @Content(schema = @Schema(implementation = PaymentRequestError.class)))
    @ApiResponse(responseCode = "401", description = "Authentication error (no body)", content = @Content)
    Info update(@AuthenticationPrincipal ApiCaller caller, @PathVariable String id,
            @RequestBody PaymentRequestBody body) {
        return service.update(caller, id, body);
    }
}
