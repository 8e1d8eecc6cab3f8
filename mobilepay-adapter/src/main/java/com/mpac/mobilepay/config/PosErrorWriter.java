package com.mpac.mobilepay.config;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.xml.XmlMapper;

import com.mpac.mobilepay.error.PosError;
import com.mpac.mobilepay.error.PosErrorCode;

/** Writes an error from a servlet filter (outside Spring MVC), as XML when the caller asked for it. */
final class PosErrorWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final XmlMapper XML = XmlMapper.builder().build();

    private PosErrorWriter() {
    }

    static void write(HttpServletRequest request, HttpServletResponse response, PosErrorCode code, String message)
            throws IOException {
        write(request, response, code, message, code.status().value());
    }

    /** With a status other than the code's own (a refusal of a shared filter keeps its status). */
    static void write(HttpServletRequest request, HttpServletResponse response, PosErrorCode code, String message,
            int status) throws IOException {
        boolean xml = wantsXml(request.getHeader("Accept"));
        ObjectMapper mapper = xml ? XML : JSON;
        response.setStatus(status);
        response.setContentType(xml ? MediaType.APPLICATION_XML_VALUE : MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(mapper.writeValueAsBytes(PosError.of(code, message)));
    }

    static boolean wantsXml(String accept) {
        if (accept == null) {
            return false;
        }
        for (MediaType type : MediaType.parseMediaTypes(accept)) {
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON) && !type.isWildcardType()
                    && !type.isWildcardSubtype()) {
                return false;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_XML) && !type.isWildcardType()) {
                return true;
            }
        }
        return false;
    }
}
