export function SiteFooter({ title }: { title: string }) {
  return (
    <footer className="site-footer">
      <p>{title} · Powered by Daisy</p>
    </footer>
  )
}
