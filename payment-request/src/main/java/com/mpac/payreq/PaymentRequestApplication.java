package com.mpac.payreq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PaymentRequestApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentRequestApplication.class, args);
    }
}
