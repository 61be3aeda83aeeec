package com.gstcomms.templates;

import com.gstcomms.runtime.data.Customer;
import com.gstcomms.runtime.data.Shop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StandardVariablesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "trade name wins           | Kala        | Kala Pvt Ltd | kala.myshopify.com | Kala",
            "then the legal name       |             | Kala Pvt Ltd | kala.myshopify.com | Kala Pvt Ltd",
            "then the myshopify name   |             |              | kala.myshopify.com | kala"})
    void namesTheShop(String what, String trade, String legal, String domain, String expected) {
        Shop shop = new Shop();
        shop.tradeName = trade;
        shop.legalName = legal;
        shop.shopDomain = domain;

        assertThat(StandardVariables.shopName(shop)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the customer's name         | Asha | en | Asha Verma",
            "Customer without a customer |      | en | Customer",
            "in Hindi                    |      | hi | ग्राहक"})
    void namesTheCustomerUnlessTheMessageDoes(String what, String first, String locale, String expected) {
        Shop shop = new Shop();
        shop.tradeName = "Kala";
        Customer customer = null;
        if (first != null) {
            customer = new Customer();
            customer.firstName = first;
            customer.lastName = "Verma";
        }

        Map<String, Object> all = StandardVariables.complete(Map.of("orderRef", "#1"), shop, customer, locale);

        assertThat(all).containsEntry("customerName", expected).containsEntry("shopName", "Kala").containsEntry("orderRef", "#1");
        assertThat(StandardVariables.complete(Map.of("customerName", "Given"), shop, customer, locale))
                .containsEntry("customerName", "Given");
    }
}
