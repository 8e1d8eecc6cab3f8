package com.mpac.mqpay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MqPayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MqPayApplication.class, args);
    }
}
