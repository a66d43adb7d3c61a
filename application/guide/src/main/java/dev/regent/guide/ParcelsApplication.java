package dev.regent.guide;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The guide's service (README, "Your first owned aggregate"): a Spring Boot application and Regent's starter. */
@SpringBootApplication
public class ParcelsApplication {
}
