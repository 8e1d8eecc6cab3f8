package com.mpac.smarttab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SmartTabApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmartTabApplication.class, args);
    }
}
