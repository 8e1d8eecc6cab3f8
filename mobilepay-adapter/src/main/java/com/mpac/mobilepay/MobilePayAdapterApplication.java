package com.mpac.mobilepay;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MobilePayAdapterApplication {

    public static void main(String[] args) {
        SpringApplication.run(MobilePayAdapterApplication.class, args);
    }
}
