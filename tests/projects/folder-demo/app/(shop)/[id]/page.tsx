import { clearCart } from "./actions";

export default function CartPage({ params }: { params: { id: string } }) {
  return (
    <form action={clearCart.bind(null, params.id)}>
      <button type="submit">Empty the cart</button>
    </form>
  );
}
