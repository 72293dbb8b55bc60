def f():
 while a:
  try:
   while a:
    try:
     while a:
      try:
       while a:
        try:
         while a:
          try:
           while a:
            try:
             while a:
              try:
               while a:
                try:
                 while a:
                  try:
                   while a:
                    try:
                     while a:
                      try:
                       pass
                      finally:
                       pass
                    finally:
                     pass
                  finally:
                   pass
                finally:
                 pass
              finally:
               pass
            finally:
             pass
          finally:
           pass
        finally:
         pass
      finally:
       pass
    finally:
     pass
  finally:
   pass
