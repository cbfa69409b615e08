import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { NoticeProvider } from '../lib/notice.js';
import { createQueryClient } from '../lib/query-client.js';
import { SessionProvider } from '../lib/session.js';

export const Providers = ({ children }: { children: ReactNode }) => {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <NoticeProvider>{children}</NoticeProvider>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
};
