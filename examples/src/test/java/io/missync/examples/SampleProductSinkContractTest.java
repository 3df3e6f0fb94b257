package io.missync.examples;

import io.missync.core.spi.ChangeSink;
import io.missync.examples.product.SampleProduct;
import io.missync.examples.product.SampleProductSink;
import io.missync.testkit.contract.ChangeSinkContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;

/** The sample adapter keeps the ChangeSink contract, as every vendor's adapter should prove. */
class SampleProductSinkContractTest implements ChangeSinkContract {

  private final List<SampleProduct> products = new ArrayList<>();

  @Override
  public ChangeSink newSink() {
    SampleProduct product = new SampleProduct();
    products.add(product);
    return new SampleProductSink(product);
  }

  /** Stops each product's password hashing, so it does not go on using CPU after the test. */
  @AfterEach
  void closeProducts() {
    products.forEach(SampleProduct::close);
  }

  @Override
  public ProductProbe probe(ChangeSink sink) {
    SampleProduct product = ((SampleProductSink) sink).product();
    return new ProductProbe() {
      @Override
      public Set<String> accountIds() {
        return product.users().stream().map(SampleProduct.User::id).collect(Collectors.toSet());
      }

      @Override
      public boolean canSignIn(String accountId) {
        return product.users().stream().anyMatch(u -> u.id().equals(accountId) && u.canSignIn());
      }

      @Override
      public Set<String> groupIds() {
        return product.groups().stream()
            .map(SampleProduct.ProductGroupRow::id)
            .collect(Collectors.toSet());
      }
    };
  }
}
