package com.mpac.mia;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MiaPosGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(MiaPosGatewayApplication.class, args);
    }
}
