package io.handoff;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Handoff: process automation for IT and back-office teams on the Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HandoffApplication {

  public static void main(String[] args) {
    SpringApplication.run(HandoffApplication.class, args);
  }
}
