package dev.steward.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The API's settings and its OpenAPI description, including the {@code X-API-Key} and bearer token
 * schemes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
@OpenAPIDefinition(
    info =
        @Info(
            title = "Steward API",
            version = "v1",
            description =
                "Start business LLM tasks, follow them, decide pending approvals, upload"
                    + " documents. Errors are RFC 9457 problem details."),
    security = {
      @SecurityRequirement(name = ApiConfiguration.API_KEY_SCHEME),
      @SecurityRequirement(name = ApiConfiguration.BEARER_SCHEME)
    })
@SecurityScheme(
    name = ApiConfiguration.API_KEY_SCHEME,
    type = SecuritySchemeType.APIKEY,
    in = SecuritySchemeIn.HEADER,
    paramName = "X-API-Key",
    description = "An API key issued per principal; it names the tenant and the roles.")
@SecurityScheme(
    name = ApiConfiguration.BEARER_SCHEME,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description =
        "A JWT from the configured issuer, when one is configured; its claims name the principal,"
            + " the tenant and the roles.")
public class ApiConfiguration {

  static final String API_KEY_SCHEME = "ApiKey";
  static final String BEARER_SCHEME = "Bearer";
}
