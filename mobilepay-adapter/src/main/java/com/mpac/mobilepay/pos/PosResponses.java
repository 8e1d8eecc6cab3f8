package com.mpac.mobilepay.pos;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonRootName;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import tools.jackson.dataformat.xml.annotation.JacksonXmlProperty;

/** The bodies of the PoS management answers. */
final class PosResponses {

    private PosResponses() {
    }

    @JsonRootName("PointOfSale")
    @Schema(name = "PointOfSale", description = "A terminal's PoS at the MobilePay gateway")
    record PosResponse(String posId, String terminalId, String storeId,
            @Schema(description = "The terminal's MobilePay id from provider_terminal_ids, when the portal set one")
            String providerTerminalId,
            @Schema(description = "true while the PoS exists; false in the answer of a delete") boolean active,
            OffsetDateTime createdAt, OffsetDateTime deletedAt) {
    }

    @JsonRootName("StoreIds")
    @Schema(name = "StoreIds")
    record StoreIdsResponse(String bioCode,
            @JacksonXmlElementWrapper(localName = "storeIds") @JacksonXmlProperty(localName = "storeId")
            List<String> storeIds) {
    }

    @JsonRootName("Store")
    @Schema(name = "PosStore")
    record StoreResponse(String storeId, String name, String status, String timezone,
            @JacksonXmlElementWrapper(localName = "terminals") @JacksonXmlProperty(localName = "terminal")
            List<StoreTerminal> terminals) {
    }

    @Schema(name = "StoreTerminal", description = "A terminal of the store and its PoS id (null when it has none)")
    record StoreTerminal(String terminalId, String status, String posId) {
    }

    @JsonRootName("CheckInStatus")
    @Schema(name = "CheckInStatus", description = "Who is checked in at a PoS (checkedIn false: nobody)")
    record CheckInStatusResponse(String posId, String terminalId, boolean checkedIn, String customerId,
            String customerName, OffsetDateTime checkedInAt) {
    }

    @JsonRootName("QrCode")
    @Schema(name = "QrCode", description = "The PoS check-in QR code: what it encodes and where its PNG image is")
    record QrCodeResponse(String posId, String terminalId,
            @Schema(example = "mobilepaypos://pos?id=pos_...&source=qr") String qrContent,
            @Schema(description = "PNG image (320x320) of the QR code; public, no token needed") String qrCodeUrl) {
    }
}
