/** Placeholder rows while a list loads; announced once as "Loading …". */
export const SkeletonList = ({ label, rows = 5 }: { label: string; rows?: number }) => (
  <div className="skeleton-list" role="status" aria-busy="true">
    <span className="visually-hidden">{label}</span>
    {Array.from({ length: rows }, (_, index) => (
      <div key={index} className="skeleton-row" aria-hidden="true" />
    ))}
  </div>
);
